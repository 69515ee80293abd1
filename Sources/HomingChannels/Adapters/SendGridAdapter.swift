import Foundation
import HomingCore

/// Sends email through SendGrid's v3 `mail/send` API.
///
/// ```swift
/// // HOMING_SENDGRID_API_KEY=SG.… in the environment
/// let adapter = try SendGridAdapter(
///     configuration: SendGridConfiguration(apiKeyVariable: "HOMING_SENDGRID_API_KEY", fromEmail: "hello@shop.example"),
///     transport: transport
/// )
/// let outcome = await adapter.deliver(
///     OutgoingMessage(
///         recipient: "ana@example.com",
///         idempotencyKey: "msg_9f2c",
///         payload: .email(subject: "We miss you", text: "Come back", html: "<p>Come back</p>")
///     )
/// )
/// ```
///
/// The request is `POST {baseURL}/v3/mail/send` with `Authorization: Bearer <key>` and a JSON
/// body; the idempotency key travels as `custom_args.homing_key`, so event webhooks can be
/// matched back to the outbox row. SendGrid answers `202` with the message id in `X-Message-Id`;
/// a `400` whose error names the recipient's field (`personalizations.0.to.0.email`) is an invalid
/// recipient; every other answer follows ``HTTPOutcomeClassifier``. Only `.email` payloads (or the
/// same as `.emailUTF8` bytes) can be sent.
public struct SendGridAdapter: ChannelAdapter {
    public let channel = "email"
    public let payloadKind = OutgoingMessage.PayloadKind.email
    public let configuration: SendGridConfiguration
    private let transport: Transport
    /// The URL and headers every request shares, made once rather than per message.
    private let endpoint: String
    private let headers: HTTPHeaders
    private let clock: @Sendable () -> Instant

    /// Reads the API key from `environment[configuration.apiKeyVariable]` now, so a missing key
    /// fails at start-up, not at the first send.
    ///
    /// - Parameters:
    ///   - environment: the process environment by default; tests pass their own.
    ///   - clock: the time for `Retry-After` in seconds.
    public init(
        configuration: SendGridConfiguration,
        transport: Transport,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        clock: @escaping @Sendable () -> Instant = { .now }
    ) throws(ChannelConfigurationError) {
        try ChannelConfigurationError.requireHTTPURL(configuration.baseURL, field: "baseURL", channel: "sendgrid")
        let apiKey = try ChannelConfigurationError.requireSecret(
            configuration.apiKeyVariable,
            in: environment,
            channel: "sendgrid",
            setItTo: "a SendGrid API key with Mail Send access"
        )
        self.configuration = configuration
        self.transport = transport
        endpoint = configuration.baseURL.appendingURLPath("/v3/mail/send")
        headers = ["Authorization": "Bearer \(apiKey)", "Content-Type": "application/json"]
        self.clock = clock
    }

    public func deliver(_ message: OutgoingMessage) async -> DeliveryOutcome {
        guard let request = self.request(for: message, at: clock()) else {
            return .permanentFailure(reason: "sendgrid sends only email payloads")
        }
        do {
            let response = try await transport.send(request)
            if let reason = Self.invalidRecipient(response) { return .invalidRecipient(reason: reason) }
            // Any other 2xx is not SendGrid's documented answer, but it did accept the message.
            return HTTPOutcomeClassifier.outcome(
                for: response,
                now: clock(),
                providerMessageID: response.headers["X-Message-Id"]
            )
        } catch {
            return HTTPOutcomeClassifier.outcome(for: error)
        }
    }

    /// SendGrid refuses a malformed recipient with `400` and an error whose `field` is the
    /// recipient's (`personalizations.0.to.0.email`); no later attempt can succeed for that address.
    static func invalidRecipient(_ response: HTTPResponse) -> String? {
        guard response.status == 400,
            let body = try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any],
            let errors = body["errors"] as? [[String: Any]],
            let error = errors.first(where: { ($0["field"] as? String)?.hasPrefix("personalizations.0.to") == true })
        else { return nil }
        return "SendGrid 400 \(error["field"] as? String ?? ""): \(error["message"] as? String ?? "invalid address")"
    }

    /// The request for `message`, or nil when its payload is not `.email`; `deliver` sends exactly
    /// this. `now` is unused by SendGrid but keeps every adapter's signature the same.
    public func request(for message: OutgoingMessage, at now: Instant) -> HTTPRequest? {
        let parts: (subject: SendGridMail.Content, text: SendGridMail.Content, html: SendGridMail.Content)
        switch message.payload {
        case .email(let subject, let text, let html): parts = (.text(subject), .text(text), .text(html))
        case .emailUTF8(let subject, let text, let html): parts = (.utf8(subject), .utf8(text), .utf8(html))
        default: return nil
        }
        let bytes = SendGridMail(
            recipient: message.recipient,
            homingKey: message.idempotencyKey,
            from: (configuration.fromEmail, configuration.fromName),
            subject: parts.subject,
            text: parts.text,
            html: parts.html
        ).json
        return HTTPRequest(
            method: .post,
            url: endpoint,
            headers: headers,
            body: bytes,
            timeout: configuration.timeout
        )
    }
}
