import NIOCore
import NIOHTTP1

/// Collects each HTTP/1.1 request, answers it through ``ProviderRouter`` after the configured
/// latency, and records the message.
///
/// ```swift
/// try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
/// try channel.pipeline.syncOperations.addHandler(HTTPSinkHandler(services: services))
/// ```
///
/// NIO's server pipeline handler holds back pipelined requests until the previous response has
/// ended, so a delayed answer never overtakes another. Bodies over ``maximumBody`` get 413.
final class HTTPSinkHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    static let maximumBody = 16 * 1024 * 1024

    private let services: SinkServices
    private var head: HTTPRequestHead?
    private var body = ByteBuffer()
    private var tooLarge = false

    init(services: SinkServices) {
        self.services = services
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let requestHead):
            head = requestHead
            body.clear()
            tooLarge = false
        case .body(var chunk):
            if body.readableBytes + chunk.readableBytes > Self.maximumBody {
                tooLarge = true
                body.clear()
            } else if !tooLarge {
                body.writeBuffer(&chunk)
            }
        case .end:
            guard let requestHead = head else { return }
            head = nil
            respond(to: requestHead, context: context)
        }
    }

    private func respond(to requestHead: HTTPRequestHead, context: ChannelHandlerContext) {
        let (reply, record): (SinkReply, SinkRecord?)
        if tooLarge {
            (reply, record) = (.json(413, #"{"error":"payload_too_large"}"#), nil)
        } else {
            (reply, record) = ProviderRouter.answer(SinkHTTPRequest(head: requestHead, body: body), services: services)
        }
        let keepAlive = requestHead.isKeepAlive
        services.afterLatency(on: context.eventLoop) { [self] in
            if let record { services.finish(record) }
            write(reply, version: requestHead.version, keepAlive: keepAlive, context: context)
        }
    }

    private func write(_ reply: SinkReply, version: HTTPVersion, keepAlive: Bool, context: ChannelHandlerContext) {
        var headers = HTTPHeaders(reply.headers.map { ($0.name, $0.value) })
        headers.replaceOrAdd(name: "Content-Length", value: String(reply.body.count))
        if !keepAlive { headers.replaceOrAdd(name: "Connection", value: "close") }
        let status = HTTPResponseStatus(statusCode: reply.status)
        context.write(
            wrapOutboundOut(.head(HTTPResponseHead(version: version, status: status, headers: headers))),
            promise: nil
        )
        if !reply.body.isEmpty {
            let buffer = context.channel.allocator.buffer(bytes: reply.body)
            context.write(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
        }
        let done = context.writeAndFlush(wrapOutboundOut(.end(nil)))
        if !keepAlive {
            done.assumeIsolated().whenComplete { _ in context.close(promise: nil) }
        }
    }
}
