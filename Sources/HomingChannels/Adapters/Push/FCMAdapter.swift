import Foundation
import HomingCore

/// Sends push notifications through Firebase Cloud Messaging's HTTP v1 API.
///
/// ```swift
/// // HOMING_FCM_SERVICE_ACCOUNT={"type":"service_account",…} (or the path of that JSON file)
/// let adapter = try FCMAdapter(
///     configuration: FCMConfiguration(serviceAccountVariable: "HOMING_FCM_SERVICE_ACCOUNT"),
///     transport: transport
/// )
/// let outcome = await adapter.deliver(
///     OutgoingMessage(
///         recipient: deviceRegistrationToken,
///         idempotencyKey: "msg_9f2c",
///         payload: .push(PushNotification(title: "We miss you", body: "15% off, today only"))
///     )
/// )
/// ```
///
/// The request is `POST {baseURL}/v1/projects/{project}/messages:send` with
/// `Authorization: Bearer <access token>` and the JSON body `{"message": {"token", "notification":
/// {"title", "body"}, "data"}}`, plus `android.collapse_key` and `apns.headers.apns-collapse-id`
/// when the notification has a collapse id; the idempotency key rides in `data.homing_key`. The
/// access token comes from the service account by the JWT bearer grant and is shared by every send
/// until shortly before it expires; when FCM answers `401` the token is dropped and the send is
/// tried once more with a fresh one.
///
/// FCM answers `200` with the message's `name`, the provider id. An error whose
/// `error.details[].errorCode` is `UNREGISTERED` (the app was uninstalled or the token expired;
/// FCM sends it with `404`) or `SENDER_ID_MISMATCH` (the token belongs to another project) is an
/// invalid recipient. `INVALID_ARGUMENT` is not: FCM uses it for a malformed token and for a
/// malformed message alike, so it stays a permanent failure rather than suppressing a customer.
/// Every other answer follows ``HTTPOutcomeClassifier`` (`429` and 5xx retryable, not before
/// `Retry-After`; other 4xx permanent), with FCM's error code and message as the reason when the
/// body has them. Only `.push` payloads can be sent.
public struct FCMAdapter: ChannelAdapter {
    public let channel = "push"
    public let payloadKind = OutgoingMessage.PayloadKind.push
    public let configuration: FCMConfiguration
    /// The project sent through: the configured one, else the service account's.
    public let projectID: String
    private let transport: Transport
    private let tokens: GoogleAccessTokenSource
    private let clock: @Sendable () -> Instant

    /// The OAuth scope FCM's send API requires.
    public static let scope = "https://www.googleapis.com/auth/firebase.messaging"

    /// FCM error codes that mean this token will never reach the app again.
    static let invalidRecipientCodes: Set<String> = ["UNREGISTERED", "SENDER_ID_MISMATCH"]

    /// Reads and checks the service-account key now, so a missing or broken key fails at start-up,
    /// not at the first send. No token is fetched until the first send.
    ///
    /// - Parameters:
    ///   - environment: the process environment by default; tests pass their own.
    ///   - clock: the time for token expiry, the assertion's `iat`, and `Retry-After` in seconds.
    public init(
        configuration: FCMConfiguration,
        transport: Transport,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        clock: @escaping @Sendable () -> Instant = { .now }
    ) throws(ChannelConfigurationError) {
        try ChannelConfigurationError.requireHTTPURL(configuration.baseURL, field: "baseURL", channel: "fcm")
        let variable = configuration.serviceAccountVariable
        let json = try ChannelConfigurationError.requireSecretDocument(
            variable,
            in: environment,
            channel: "fcm",
            setItTo: "a service-account JSON key",
            isInline: { $0.hasPrefix("{") }
        )
        let account: GoogleServiceAccount
        do {
            account = try GoogleServiceAccount(json: Array(json.utf8))
        } catch {
            throw ChannelConfigurationError(
                channel: "fcm",
                kind: .invalidSecret(variable: variable),
                message: "the service-account key in environment variable \(variable) \(error); "
                    + "download a new JSON key for the service account"
            )
        }
        let tokenURL = configuration.tokenURL ?? account.tokenURI
        try ChannelConfigurationError.requireHTTPURL(
            tokenURL,
            field: configuration.tokenURL == nil ? "the key's token_uri" : "tokenURL",
            channel: "fcm"
        )
        guard let projectID = configuration.projectID ?? account.projectID else {
            throw ChannelConfigurationError(
                channel: "fcm",
                kind: .invalidSecret(variable: variable),
                message: "the service-account key in environment variable \(variable) has no \"project_id\"; "
                    + "set projectID in the configuration"
            )
        }
        self.configuration = configuration
        self.projectID = projectID
        self.transport = transport
        self.clock = clock
        tokens = GoogleAccessTokenSource(
            account: account,
            tokenURL: tokenURL,
            scope: Self.scope,
            transport: transport,
            timeout: configuration.timeout,
            clock: clock
        )
    }

    public func deliver(_ message: OutgoingMessage) async -> DeliveryOutcome {
        guard case .push(let notification) = message.payload else {
            return .permanentFailure(reason: "fcm sends only push payloads")
        }
        let body = Self.encode(
            FCMMessage(token: message.recipient, notification: notification, idempotencyKey: message.idempotencyKey)
        )
        var refreshed = false
        while true {
            let token: String
            switch await tokens.accessToken() {
            case .success(let value): token = value
            case .failure(let failure): return failure.outcome
            }
            let response: HTTPResponse
            do {
                response = try await transport.send(request(body: body, accessToken: token))
            } catch {
                return HTTPOutcomeClassifier.outcome(for: error)
            }
            if response.status == 401 && !refreshed {
                // Revoked or expired early: one fresh token; if FCM refuses that too, its answer stands.
                refreshed = true
                await tokens.invalidate(token)
                continue
            }
            return outcome(for: response)
        }
    }

    func request(body: [UInt8], accessToken: String) -> HTTPRequest {
        HTTPRequest(
            method: .post,
            url: configuration.baseURL.appendingURLPath(
                "/v1/projects/\(FormURLEncoding.escape(projectID))/messages:send"
            ),
            headers: [
                "Authorization": "Bearer \(accessToken)",
                "Content-Type": "application/json; charset=UTF-8",
                "Accept": "application/json",
            ],
            body: body,
            timeout: configuration.timeout
        )
    }

    func outcome(for response: HTTPResponse) -> DeliveryOutcome {
        let answer = try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any]
        let error = answer?["error"] as? [String: Any]
        let details = error?["details"] as? [[String: Any]] ?? []
        let codes = details.compactMap { $0["errorCode"] as? String }
        let detail = (error?["message"] as? String).map { ": \($0)" } ?? ""
        // FCM's error JSON is long; its code and message say more than the start of the body.
        let reason = (codes.first ?? error?["status"] as? String).map { "FCM \(response.status) \($0)\(detail)" }
        switch response.status {
        case 200...299:
            return .delivered(providerMessageID: answer?["name"] as? String)
        case 400...499 where response.status != 429:
            if let code = codes.first(where: Self.invalidRecipientCodes.contains) {
                return .invalidRecipient(reason: "FCM \(response.status) \(code)\(detail)")
            }
            if let reason { return .permanentFailure(reason: reason) }
            return HTTPOutcomeClassifier.outcome(for: response, now: clock())
        default:
            let outcome = HTTPOutcomeClassifier.outcome(for: response, now: clock())
            if case .retryable(_, let notBefore) = outcome, let reason {
                return .retryable(reason: reason, notBefore: notBefore)
            }
            return outcome
        }
    }

    private static func encode(_ message: FCMMessage) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Structs of strings always encode.
        return Array((try? encoder.encode(message)) ?? Data("{}".utf8))
    }
}
