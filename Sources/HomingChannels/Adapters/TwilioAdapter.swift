import Foundation
import HomingCore

/// Sends SMS through Twilio's Messages API.
///
/// ```swift
/// // HOMING_TWILIO_AUTH_TOKEN=… in the environment
/// let adapter = try TwilioAdapter(
///     configuration: TwilioConfiguration(
///         accountSID: "AC0123456789abcdef0123456789abcdef",
///         authTokenVariable: "HOMING_TWILIO_AUTH_TOKEN",
///         sender: .from("+14155550100")
///     ),
///     transport: transport
/// )
/// let outcome = await adapter.deliver(
///     OutgoingMessage(recipient: "+4915112345678", idempotencyKey: "msg_9f2c", payload: .text("Your code: 4711"))
/// )
/// ```
///
/// The request is `POST {baseURL}/2010-04-01/Accounts/{SID}/Messages.json` with HTTP basic auth
/// (SID and auth token) and a form body of `To`, `Body`, `From` or `MessagingServiceSid`, and
/// `StatusCallback` when configured; the idempotency key travels as the header `X-Homing-Key`. Twilio answers `201` with the message's `sid`. Its error
/// codes 21211 and 21614 (not a valid mobile number) and 21610 (the recipient replied STOP) are
/// invalid recipients; every other answer follows ``HTTPOutcomeClassifier``. Only `.text`
/// payloads can be sent.
public struct TwilioAdapter: ChannelAdapter {
    public let channel = "sms"
    public let payloadKind = OutgoingMessage.PayloadKind.text
    public let configuration: TwilioConfiguration
    private let transport: Transport
    private let authorization: String
    private let clock: @Sendable () -> Instant

    /// Twilio error codes that mean the number can never receive this sender's messages.
    static let invalidRecipientCodes: Set<Int> = [21211, 21614, 21610]

    /// Reads the auth token from `environment[configuration.authTokenVariable]` now, so a missing
    /// token fails at start-up, not at the first send.
    ///
    /// - Parameters:
    ///   - environment: the process environment by default; tests pass their own.
    ///   - clock: the time for `Retry-After` in seconds.
    public init(
        configuration: TwilioConfiguration,
        transport: Transport,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        clock: @escaping @Sendable () -> Instant = { .now }
    ) throws(ChannelConfigurationError) {
        try ChannelConfigurationError.requireHTTPURL(configuration.baseURL, field: "baseURL", channel: "twilio")
        let token = try ChannelConfigurationError.requireSecret(
            configuration.authTokenVariable,
            in: environment,
            channel: "twilio",
            setItTo: "the account's auth token"
        )
        self.configuration = configuration
        self.transport = transport
        self.authorization = "Basic " + Data("\(configuration.accountSID):\(token)".utf8).base64EncodedString()
        self.clock = clock
    }

    public func deliver(_ message: OutgoingMessage) async -> DeliveryOutcome {
        guard let request = self.request(for: message, at: clock()) else {
            return .permanentFailure(reason: "twilio sends only text payloads")
        }
        do {
            let response = try await transport.send(request)
            return outcome(for: response)
        } catch {
            return HTTPOutcomeClassifier.outcome(for: error)
        }
    }

    /// The request for `message`, or nil when its payload is not `.text`; `deliver` sends exactly
    /// this. `now` is unused by Twilio but keeps every adapter's signature the same.
    public func request(for message: OutgoingMessage, at now: Instant) -> HTTPRequest? {
        guard case .text(let text) = message.payload else { return nil }
        var fields = [("To", message.recipient), ("Body", text)]
        switch configuration.sender {
        case .from(let number): fields.append(("From", number))
        case .messagingService(let sid): fields.append(("MessagingServiceSid", sid))
        }
        if let callback = configuration.statusCallback { fields.append(("StatusCallback", callback)) }
        return HTTPRequest(
            method: .post,
            url: configuration.baseURL.appendingURLPath(
                "/2010-04-01/Accounts/\(FormURLEncoding.escape(configuration.accountSID))/Messages.json"
            ),
            headers: [
                "Authorization": authorization,
                "Content-Type": "application/x-www-form-urlencoded",
                "Accept": "application/json",
                // Twilio has no idempotency parameter and ignores unknown headers; the key still
                // lets the sink, a proxy or a log tie a request to its outbox row.
                "X-Homing-Key": message.idempotencyKey,
            ],
            body: FormURLEncoding.encode(fields),
            timeout: configuration.timeout
        )
    }

    func outcome(for response: HTTPResponse) -> DeliveryOutcome {
        let body = try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any]
        switch response.status {
        case 200...299:
            return .delivered(providerMessageID: body?["sid"] as? String)
        case 400...499 where response.status != 429:
            // Twilio sends the code as a JSON number; NSNumber bridges it to Int.
            if let code = body?["code"] as? Int, Self.invalidRecipientCodes.contains(code) {
                let detail = (body?["message"] as? String).map { ": \($0)" } ?? ""
                return .invalidRecipient(reason: "Twilio \(code)\(detail)")
            }
            return HTTPOutcomeClassifier.outcome(for: response, now: clock())
        default:
            return HTTPOutcomeClassifier.outcome(for: response, now: clock())
        }
    }
}
