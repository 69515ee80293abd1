import HomingCore
import NIOCore

/// Runs one SMTP connection: feeds lines to an ``SMTPSession``, writes its replies, and answers
/// each finished message according to the sink's faults.
///
/// ```swift
/// try channel.pipeline.syncOperations.addHandler(SMTPHandler(services: services))
/// ```
///
/// It splits lines itself (``SMTPLineDecoder``) and gathers the replies to one read burst in one
/// buffer, written and flushed once when the burst ends: one allocation and one `write(2)` per
/// burst, which is what makes pipelined clients fast. While a delayed end-of-data answer is
/// pending, later lines wait in a queue so replies keep their order.
final class SMTPHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private var session: SMTPSession
    private let services: SinkServices
    private var lines = SMTPLineDecoder()
    /// Replies not yet written; cleared (and so reused) once NIO has written them.
    private var replies = ByteBuffer()
    private var queued = CircularBuffer<ByteBuffer>()
    private var waiting = false
    private var closing = false

    init(services: SinkServices) {
        self.services = services
        session = SMTPSession(rejects: services.injector.rejects)
    }

    func channelActive(context: ChannelHandlerContext) {
        write("220 homing-sink ESMTP ready (no TLS: a local test double)\r\n", context: context)
        flushReplies(context: context)
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !closing else { return }
        lines.append(unwrapInboundIn(data))
        do {
            while !closing, let line = try lines.nextLine() {
                if waiting {
                    queued.append(line)
                } else {
                    process(line, context: context)
                }
            }
        } catch {
            writeAndClose("500 5.5.6 Line too long\r\n", context: context)
        }
        lines.releaseIfEmpty()
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        flushReplies(context: context)
        context.fireChannelReadComplete()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
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
        for field in headers.fields { record.addHeader(field.name, field.value, nameIsLowercase: true) }
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
        flushReplies(context: context)
        services.afterLatency(on: context.eventLoop) { [self] in
            services.finish(record)
            write(reply, context: context)
            waiting = false
            while !waiting, !closing, let next = queued.popFirst() { process(next, context: context) }
            flushReplies(context: context)
        }
    }

    /// Closes only after the reply left, so a client reading `221` never sees a reset instead.
    private func writeAndClose(_ text: String, context: ChannelHandlerContext) {
        closing = true
        write(text, context: context)
        context.writeAndFlush(wrapOutboundOut(replies)).assumeIsolated().whenComplete { _ in
            context.close(promise: nil)
        }
        replies.clear()
    }

    private func write(_ text: String, context: ChannelHandlerContext) {
        replies.writeString(text)
    }

    /// Writes the gathered replies in one buffer. NIO usually finishes the write inside `flush`,
    /// so `clear()` finds the storage unshared and the next burst reuses it.
    private func flushReplies(context: ChannelHandlerContext) {
        guard replies.readableBytes > 0 else { return }
        context.write(wrapOutboundOut(replies), promise: nil)
        context.flush()
        replies.clear()
    }
}
