/// Any other `POST` carrying a `webhook-id` header (Standard Webhooks, as ``WebhookAdapter``
/// sends): `200`; the key is `webhook-id`, the recipient the request path, the body its raw text.
///
/// ```swift
/// // curl localhost:8025/hooks/shop -H 'webhook-id: msg_1' -d '{"event":"welcome"}'
/// ```
///
/// A rejected recipient (the path matches `--reject-recipients`) gets `410 Gone`, which tells a
/// sender the endpoint is gone for good.
struct WebhookEndpoint: ProviderEndpoint {
    let channel = "webhook"
    let provider = "webhook"

    func read(_ request: SinkHTTPRequest, into record: inout SinkRecord) -> SinkReply? {
        record.recipients = [request.path]
        record.body = request.bodyText
        record.idempotencyKey = request.headers.first(name: "webhook-id")
        return nil
    }

    func reply(_ outcome: SinkOutcome, record: SinkRecord, sequence: Int) -> SinkReply {
        switch outcome {
        case .accepted, .malformed: SinkReply(status: 200)
        case .rejected: .json(410, #"{"error":"gone"}"#)
        case .throttled: .json(429, #"{"error":"too many requests"}"#).retryingAfterOneSecond()
        case .failed: .json(503, #"{"error":"service unavailable"}"#)
        }
    }
}
