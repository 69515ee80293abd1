/// An HTTP answer of the sink: status, headers and body, built by a provider endpoint.
///
/// ```swift
/// let reply = SinkReply.json(400, #"{"reason":"BadDeviceToken"}"#)
/// ```
struct SinkReply: Sendable {
    var status: Int
    var headers: [(name: String, value: String)]
    var body: [UInt8]

    init(status: Int, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    static func json(_ status: Int, _ text: String, headers: [(name: String, value: String)] = []) -> SinkReply {
        SinkReply(status: status, headers: [("Content-Type", "application/json")] + headers, body: Array(text.utf8))
    }

    /// A 429 always says when to come back, as the providers do.
    func retryingAfterOneSecond() -> SinkReply {
        var reply = self
        reply.headers.append(("Retry-After", "1"))
        return reply
    }
}
