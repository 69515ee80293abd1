import HomingCore

/// One line of the sink's JSONL output: a message as the sink received it and how it answered.
///
/// ```swift
/// var record = SinkRecord(channel: "sms", provider: "twilio", recipients: ["+15550100"])
/// record.body = "Your code: 4711"
/// record.idempotencyKey = "msg_9f2c"
/// record.status = 201
/// ```
///
/// The line's fields, in order: `received_at` (ISO 8601 UTC with milliseconds), `channel`,
/// `provider`, `recipient`, `recipients` (SMTP only: every accepted `RCPT TO` of the message),
/// `subject` (email), `title` (push), `body` (SMS and push text, a webhook's raw body),
/// `headers` (lower-cased names; repeats joined with `, `; never `authorization`),
/// `idempotency_key` (null when the request carried none), `size` (SMTP only: bytes of the
/// message after dot-unstuffing), `status` (the code the sink answered)
/// and `outcome` (``SinkOutcome``).
struct SinkRecord: Sendable {
    var receivedAt: Instant
    var channel: String
    var provider: String
    var recipients: [String]
    var subject: String?
    var title: String?
    var body: String?
    var headers: [(name: String, value: String)] = []
    var idempotencyKey: String?
    /// SMTP only: the message's size in bytes after dot-unstuffing.
    var size: Int?
    var status = 0
    var outcome = SinkOutcome.accepted

    init(receivedAt: Instant = .now, channel: String, provider: String, recipients: [String]) {
        self.receivedAt = receivedAt
        self.channel = channel
        self.provider = provider
        self.recipients = recipients
    }

    /// Header names that never reach the file: credentials stay out of recordings.
    static let droppedHeaders: Set<String> = ["authorization", "proxy-authorization"]

    /// Adds a header, lower-casing the name, joining a repeat onto the first, dropping credentials.
    /// `nameIsLowercase` skips the case mapping for names that are lower-case already, such as
    /// those of ``MessageHeaders``.
    mutating func addHeader(_ name: String, _ value: String, nameIsLowercase: Bool = false) {
        let lower = nameIsLowercase ? name : name.lowercased()
        guard !Self.droppedHeaders.contains(lower) else { return }
        if let index = headers.firstIndex(where: { $0.name == lower }) {
            headers[index].value += ", " + value
        } else {
            headers.append((lower, value))
        }
    }
}
