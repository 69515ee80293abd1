import Foundation
import HomingCore

/// Posts each message as JSON to one configured URL, signed per Standard Webhooks.
///
/// ```swift
/// // HOMING_WEBHOOK_SECRET=whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw in the environment
/// let adapter = try WebhookAdapter(
///     configuration: WebhookConfiguration(url: "https://hooks.example.com/homing", secretVariable: "HOMING_WEBHOOK_SECRET"),
///     transport: transport
/// )
/// let outcome = await adapter.deliver(
///     OutgoingMessage(recipient: "c_1042", idempotencyKey: "msg_9f2c", payload: .fields(["event": "welcome"]))
/// )
/// ```
///
/// The request is `POST` with `Content-Type: application/json`, `webhook-id` (the idempotency
/// key, so the receiver can drop duplicates of an at-least-once delivery), `webhook-timestamp`
/// (Unix seconds) and `webhook-signature: v1,<base64 HMAC-SHA256>`. The body is the payload and
/// nothing else, so what the receiver verifies is exactly what the caller built; put the
/// recipient into the payload if the receiver needs it. Outcomes follow ``HTTPOutcomeClassifier``.
/// An `.email`, `.text`, `.mime` or `.push` payload goes out as a flat object
/// (`{"subject","text","html"}`, `{"text"}`, `{"mime"}`, or the push data with `title` and
/// `body`), so one message can be routed to a webhook as well as to its own channel.
public struct WebhookAdapter: ChannelAdapter {
    public let channel = "webhook"
    public let payloadKind = OutgoingMessage.PayloadKind.fields
    public let configuration: WebhookConfiguration
    private let transport: Transport
    private let signer: WebhookSigner
    private let clock: @Sendable () -> Instant

    /// Reads the secret from `environment[configuration.secretVariable]` now, so a missing or
    /// malformed secret fails at start-up, not at the first send.
    ///
    /// - Parameters:
    ///   - environment: the process environment by default; tests pass their own.
    ///   - clock: the time for `webhook-timestamp` and for `Retry-After` in seconds.
    public init(
        configuration: WebhookConfiguration,
        transport: Transport,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        clock: @escaping @Sendable () -> Instant = { .now }
    ) throws(ChannelConfigurationError) {
        try ChannelConfigurationError.requireHTTPURL(configuration.url, field: "url", channel: "webhook")
        let variable = configuration.secretVariable
        let secret = try ChannelConfigurationError.requireSecret(
            variable,
            in: environment,
            channel: "webhook",
            setItTo: "the endpoint's signing secret (whsec_<base64>)"
        )
        do {
            signer = try WebhookSigner(secret: secret)
        } catch {
            throw ChannelConfigurationError(
                channel: "webhook",
                kind: .invalidSecret(variable: variable),
                message: "environment variable \(variable) does not hold a signing secret of the form whsec_<base64>"
            )
        }
        self.configuration = configuration
        self.transport = transport
        self.clock = clock
    }

    public func deliver(_ message: OutgoingMessage) async -> DeliveryOutcome {
        let request = self.request(for: message, at: clock())
        do {
            let response = try await transport.send(request)
            return HTTPOutcomeClassifier.outcome(for: response, now: clock())
        } catch {
            return HTTPOutcomeClassifier.outcome(for: error)
        }
    }

    /// The signed request for `message` sent at `now`; `deliver` sends exactly this.
    public func request(for message: OutgoingMessage, at now: Instant) -> HTTPRequest {
        let body = Self.body(message.payload)
        // Floor division, so an instant just before 1970 does not round up into the next second.
        let milliseconds = now.millisecondsSince1970
        let timestamp = milliseconds >= 0 ? milliseconds / 1000 : (milliseconds - 999) / 1000
        let headers: HTTPHeaders = [
            "Content-Type": "application/json",
            "webhook-id": message.idempotencyKey,
            "webhook-timestamp": String(timestamp),
            "webhook-signature": signer.signature(id: message.idempotencyKey, timestamp: timestamp, body: body),
        ]
        return HTTPRequest(
            method: .post,
            url: configuration.url,
            headers: headers,
            body: body,
            timeout: configuration.timeout
        )
    }

    static func body(_ payload: OutgoingMessage.Payload) -> [UInt8] {
        switch payload {
        case .json(let bytes):
            return bytes
        case .email(let subject, let text, let html):
            return body(.fields(["subject": subject, "text": text, "html": html]))
        case .emailUTF8(let subject, let text, let html):
            let fields = ["subject": subject, "text": text, "html": html]
            return body(.fields(fields.mapValues { String(decoding: $0, as: UTF8.self) }))
        case .text(let text):
            return body(.fields(["text": text]))
        case .mime(let bytes):
            return body(.fields(["mime": String(decoding: bytes, as: UTF8.self)]))
        case .push(let notification):
            var fields = notification.data
            fields["title"] = notification.title
            fields["body"] = notification.body
            return body(.fields(fields))
        case .fields(let fields):
            // Sorted keys, so the same fields always give the same bytes (and signature).
            var out = JSONBytes(capacity: fields.reduce(16) { $0 + $1.key.utf8.count + $1.value.utf8.count + 6 })
            out.raw("{")
            for (index, key) in fields.keys.sorted().enumerated() {
                if index > 0 { out.raw(",") }
                out.string(key)
                out.raw(":")
                out.string(fields[key] ?? "")
            }
            out.raw("}")
            return out.bytes
        }
    }
}
