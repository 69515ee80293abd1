import Foundation
import HomingCore

/// Sends push notifications to Apple devices through APNs, with token-based (`.p8`) authentication.
///
/// ```swift
/// // HOMING_APNS_KEY=-----BEGIN PRIVATE KEY-----… (or the path of AuthKey_ABC123DEFG.p8)
/// let adapter = try APNsAdapter(
///     configuration: APNsConfiguration(
///         keyVariable: "HOMING_APNS_KEY", keyID: "ABC123DEFG", teamID: "DEF123GHIJ", topic: "com.shop.app"
///     ),
///     transport: transport
/// )
/// let outcome = await adapter.deliver(
///     OutgoingMessage(
///         recipient: deviceTokenHex,
///         idempotencyKey: "msg_9f2c",
///         payload: .push(PushNotification(title: "We miss you", body: "15% off, today only"))
///     )
/// )
/// ```
///
/// The request is `POST {baseURL}/3/device/{token}` with `authorization: bearer <provider token>`,
/// `apns-topic`, `apns-push-type: alert`, `apns-priority: 10`, `apns-collapse-id` when the
/// notification has a collapse id and `apns-expiration` when configured; the body is
/// `{"aps": {"alert": {"title", "body"}, "sound"}, "homing_key": key, …data}`. APNs speaks only
/// HTTP/2; the transport negotiates it by ALPN on every `https` URL, and many sends share one
/// connection. The provider token is signed with the key and renewed every 50 minutes.
///
/// APNs answers `200` with the `apns-id` header, the provider id. `410`, and `400` or `410` with
/// the reason `BadDeviceToken`, `Unregistered`, `DeviceTokenNotForTopic` or `ExpiredToken`, are
/// invalid recipients. `403 ExpiredProviderToken` renews the token and tries once more. `429`
/// (`TooManyRequests`) and 5xx are retryable; any other answer is permanent, with APNs' reason.
/// Only `.push` payloads can be sent. APNs also says `BadDeviceToken` when a development build's
/// token is sent to production or the other way round, so a burst of them after a deployment
/// points at `baseURL`, not at the customers.
public struct APNsAdapter: ChannelAdapter {
    public let channel = "push"
    public let payloadKind = OutgoingMessage.PayloadKind.push
    public let configuration: APNsConfiguration
    private let transport: Transport
    private let tokens: APNsProviderToken
    private let clock: @Sendable () -> Instant

    /// APNs reasons that mean this device token will never reach the app again.
    static let invalidRecipientReasons: Set<String> = [
        "BadDeviceToken", "Unregistered", "DeviceTokenNotForTopic", "ExpiredToken",
    ]

    /// Reads and checks the `.p8` key now, so a missing or broken key fails at start-up, not at
    /// the first send.
    ///
    /// - Parameters:
    ///   - environment: the process environment by default; tests pass their own.
    ///   - clock: the time for the token's `iat`, its renewal, `apns-expiration` and `Retry-After`.
    public init(
        configuration: APNsConfiguration,
        transport: Transport,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        clock: @escaping @Sendable () -> Instant = { .now }
    ) throws(ChannelConfigurationError) {
        try ChannelConfigurationError.requireHTTPURL(configuration.baseURL, field: "baseURL", channel: "apns")
        let variable = configuration.keyVariable
        let pem = try ChannelConfigurationError.requireSecretDocument(
            variable,
            in: environment,
            channel: "apns",
            setItTo: "an APNs authentication key (.p8)",
            isInline: { $0.hasPrefix("-----BEGIN") }
        )
        let key: JSONWebToken.SigningKey
        do {
            key = try JSONWebToken.SigningKey.es256(pem: pem)
        } catch {
            throw ChannelConfigurationError(
                channel: "apns",
                kind: .invalidSecret(variable: variable),
                message: "environment variable \(variable) does not hold a P-256 private key in PEM; "
                    + "use the AuthKey_\(configuration.keyID).p8 file from the Apple Developer account"
            )
        }
        self.configuration = configuration
        self.transport = transport
        self.clock = clock
        tokens = APNsProviderToken(key: key, keyID: configuration.keyID, teamID: configuration.teamID, clock: clock)
    }

    public func deliver(_ message: OutgoingMessage) async -> DeliveryOutcome {
        guard case .push(let notification) = message.payload else {
            return .permanentFailure(reason: "apns sends only push payloads")
        }
        var renewed = false
        while true {
            let token: String
            do {
                token = try await tokens.current()
            } catch {
                return .permanentFailure(reason: "apns: \(error)")
            }
            let request = self.request(for: message.recipient, notification, message.idempotencyKey, token: token)
            let response: HTTPResponse
            do {
                response = try await transport.send(request)
            } catch {
                return HTTPOutcomeClassifier.outcome(for: error)
            }
            if response.status == 403 && Self.reason(response) == "ExpiredProviderToken" && !renewed {
                // Usually a clock that jumped; one new token, and if APNs refuses that too, its answer stands.
                renewed = true
                await tokens.invalidate(token)
                continue
            }
            return outcome(for: response)
        }
    }

    func request(
        for deviceToken: String,
        _ notification: PushNotification,
        _ idempotencyKey: String,
        token: String
    ) -> HTTPRequest {
        var headers: HTTPHeaders = [
            "authorization": "bearer \(token)",
            "apns-topic": configuration.topic,
            "apns-push-type": "alert",
            "apns-priority": "10",
            "content-type": "application/json",
        ]
        if let collapseID = notification.collapseID { headers.add("apns-collapse-id", collapseID) }
        if let expiration = configuration.expiration {
            let seconds = clock().millisecondsSince1970 / 1000 + expiration.components.seconds
            headers.add("apns-expiration", String(seconds))
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let payload = APNsPayload(
            notification: notification,
            idempotencyKey: idempotencyKey,
            sound: configuration.sound
        )
        // Strings in keyed containers always encode.
        let body = Array((try? encoder.encode(payload)) ?? Data("{}".utf8))
        return HTTPRequest(
            method: .post,
            url: configuration.baseURL.appendingURLPath("/3/device/\(FormURLEncoding.escape(deviceToken))"),
            headers: headers,
            body: body,
            timeout: configuration.timeout
        )
    }

    func outcome(for response: HTTPResponse) -> DeliveryOutcome {
        let status = response.status
        let reason = Self.reason(response)
        switch status {
        case 200...299:
            return .delivered(providerMessageID: response.headers["apns-id"])
        case 410:
            return .invalidRecipient(reason: "APNs 410 \(reason ?? "Unregistered")")
        case 400...499 where status != 429:
            guard let reason else { return HTTPOutcomeClassifier.outcome(for: response, now: clock()) }
            if Self.invalidRecipientReasons.contains(reason) {
                return .invalidRecipient(reason: "APNs \(status) \(reason)")
            }
            return .permanentFailure(reason: "APNs \(status) \(reason)")
        default:
            let outcome = HTTPOutcomeClassifier.outcome(for: response, now: clock())
            if case .retryable(_, let notBefore) = outcome, let reason {
                return .retryable(reason: "APNs \(status) \(reason)", notBefore: notBefore)
            }
            return outcome
        }
    }

    /// APNs' `{"reason": "…"}`, when the body has one.
    static func reason(_ response: HTTPResponse) -> String? {
        let answer = try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any]
        return answer?["reason"] as? String
    }
}
