import HomingCore
import NIOCore

/// Runs one SMTP connection: feeds lines to an ``SMTPSession``, writes its replies, and answers
/// each finished message according to the sink's faults.
///
/// ```swift
/// try channel.pipeline.syncOperations.addHandlers([
///     ByteToMessageHandler(SMTPLineDecoder()), SMTPHandler(services: services),
/// ])
/// ```
///
/// Replies are flushed once per read burst, which is what makes pipelined clients fast. While
/// a delayed end-of-data answer is pending, later lines wait in a queue so replies keep their order.
final class SMTPHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private var session: SMTPSession
    private let services: SinkServices
    private var queued = CircularBuffer<ByteBuffer>()
    private var waiting = false
    private var closing = false

    init(services: SinkServices) {
        self.services = services
        session = SMTPSession(rejects: services.injector.rejects)
    }

    func channelActive(context: ChannelHandlerContext) {
        write("220 homing-sink ESMTP ready (no TLS: a local test double)\r\n", context: context)
        context.flush()
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let line = unwrapInboundIn(data)
        guard !closing else { return }
        guard !waiting else {
            queued.append(line)
            return
        }
        process(line, context: context)
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        context.flush()
        context.fireChannelReadComplete()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard error is SMTPLineDecoder.LineTooLong, !closing else {
            context.close(promise: nil)
            return
        }
        writeAndClose("500 5.5.6 Line too long\r\n", context: context)
    }

    private func process(_ line: ByteBuffer, context: ChannelHandlerContext) {
        switch session.receive(line) {
        case .none:
            break
        case .reply(let text):
            write(text, context: context)
        case .replyAndClose(let text):
            writeAndClose(text, context: context)
        case .rejectedRecipient(let address, let reply):
            var record = SinkRecord(channel: "email", provider: "smtp", recipients: [address])
            record.status = 550
            record.outcome = .rejected
            services.finish(record)
            write(reply, context: context)
        case .message(let envelope, let data):
            answer(envelope, data, context: context)
        }
    }

    private func answer(_ envelope: SMTPEnvelope, _ data: ByteBuffer, context: ChannelHandlerContext) {
        var record = SinkRecord(channel: "email", provider: "smtp", recipients: envelope.recipients)
        let headers = MessageHeaders(parsing: data)
        for field in headers.fields { record.addHeader(field.name, field.value) }
        record.subject = headers.subject
        record.idempotencyKey = headers.idempotencyKey
        record.size = data.readableBytes
        let reply: String
        record.outcome = services.injector.decide(recipients: [])
        switch record.outcome {
        case .throttled:
            record.status = 451
            reply = "451 4.7.1 Rate limit exceeded, try again later\r\n"
        case .failed:
            record.status = 451
            reply = "451 4.3.0 Temporary failure, try again later\r\n"
        default:
            record.status = 250
            reply = "250 2.0.0 OK: queued as sink-\(services.nextSequence())\r\n"
        }
        guard services.latency > .zero else {
            services.finish(record)
            write(reply, context: context)
            return
        }
        waiting = true
        context.flush()
        services.afterLatency(on: context.eventLoop) { [self] in
            services.finish(record)
            write(reply, context: context)
            waiting = false
            while !waiting, !closing, let next = queued.popFirst() { process(next, context: context) }
            context.flush()
        }
    }

    /// Closes only after the reply left, so a client reading `221` never sees a reset instead.
    private func writeAndClose(_ text: String, context: ChannelHandlerContext) {
        closing = true
        let buffer = context.channel.allocator.buffer(string: text)
        context.writeAndFlush(wrapOutboundOut(buffer)).assumeIsolated().whenComplete { _ in
            context.close(promise: nil)
        }
    }

    private func write(_ text: String, context: ChannelHandlerContext) {
        context.write(wrapOutboundOut(context.channel.allocator.buffer(string: text)), promise: nil)
    }
}
