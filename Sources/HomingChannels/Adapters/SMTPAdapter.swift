import Foundation
import HomingCore

/// Sends complete MIME messages to an SMTP server (a relay, a provider's SMTP endpoint, or a local
/// sink) over the shared libcurl ``Transport``, reusing sessions across messages.
///
/// ```swift
/// // HOMING_SMTP_PASSWORD=… in the environment
/// let adapter = try SMTPAdapter(
///     configuration: SMTPConfiguration(
///         url: "smtp://smtp.example.com:587",
///         starttls: .required,
///         username: "shop",
///         passwordVariable: "HOMING_SMTP_PASSWORD",
///         envelopeFrom: "bounces@shop.example"
///     ),
///     transport: transport
/// )
/// let outcome = await adapter.deliver(
///     OutgoingMessage(recipient: "ada@example.com", idempotencyKey: "msg_9f2c", payload: .mime(rfc5322Bytes))
/// )
/// ```
///
/// The message goes out byte for byte as `DATA` (libcurl dot-stuffs it), to the single envelope
/// recipient `message.recipient`, from `configuration.envelopeFrom`. The idempotency key is not
/// added here: the MIME builder already put it in the `X-Homing-Key` header. Replies are classified
/// by ``SMTPReplyClassifier`` (5.1.1 and friends are invalid recipients, 4xx retryable, other 5xx
/// permanent, the queue id of a `250` becomes the provider message id); timeouts and broken
/// connections are retryable, TLS failures — `STARTTLS` required but not offered, an untrusted
/// certificate — permanent until the configuration changes. Only `.mime` payloads can be sent.
public struct SMTPAdapter: ChannelAdapter {
    public let channel = "email"
    public let payloadKind = OutgoingMessage.PayloadKind.mime
    public let configuration: SMTPConfiguration
    private let transport: Transport
    private let password: String?

    /// Checks the configuration and reads the password from
    /// `environment[configuration.passwordVariable]` now, so mistakes fail at start-up, not at the
    /// first send. Throws ``ChannelConfigurationError`` (see `SMTPConfiguration.check()`).
    ///
    /// - Parameter environment: the process environment by default; tests pass their own.
    public init(
        configuration: SMTPConfiguration,
        transport: Transport,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(ChannelConfigurationError) {
        try configuration.check()
        if let variable = configuration.passwordVariable {
            password = try ChannelConfigurationError.requireSecret(
                variable,
                in: environment,
                channel: "smtp",
                setItTo: "the SMTP password of \(configuration.username ?? "the account")"
            )
        } else {
            password = nil
        }
        self.configuration = configuration
        self.transport = transport
    }

    public func deliver(_ message: OutgoingMessage) async -> DeliveryOutcome {
        guard let request = request(for: message) else {
            return .permanentFailure(reason: "smtp sends only mime payloads")
        }
        do {
            return SMTPReplyClassifier.outcome(for: try await transport.send(smtp: request))
        } catch {
            return HTTPOutcomeClassifier.outcome(for: error)
        }
    }

    /// The SMTP transfer for `message`, or nil when its payload is not `.mime`; `deliver` sends
    /// exactly this.
    public func request(for message: OutgoingMessage) -> SMTPRequest? {
        guard case .mime(let bytes) = message.payload else { return nil }
        let tls: SMTPRequest.TLS =
            switch configuration.starttls {
            case .required: .required
            case .opportunistic: .opportunistic
            case .off: .none
            }
        return SMTPRequest(
            url: configuration.url,
            tls: tls,
            username: configuration.username,
            password: configuration.username == nil ? nil : password,
            envelopeFrom: configuration.envelopeFrom,
            recipients: [message.recipient],
            message: bytes,
            timeout: configuration.timeout
        )
    }
}
