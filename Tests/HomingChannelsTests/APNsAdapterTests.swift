import Crypto
import Foundation
import HomingChannels
import HomingCore
import HomingTestSupport
import Testing

/// The APNs adapter over real loopback HTTP: the request as APNs receives it, its provider token,
/// and the outcome of each kind of answer, APNs' own invalid-recipient reasons included.
@Suite struct APNsAdapterTests {
    static let variable = "HOMING_TEST_APNS_KEY"
    // PEM rather than the key: swift-crypto's P-256 key is not `Sendable`, so it cannot be a static.
    static let keyPEM = P256.Signing.PrivateKey().pemRepresentation
    static let deviceToken = "740f4707bebcf74f9b7c25d48e3358945f6aa01da5ddb387462c7eaf61bb78ad"
    static let message = OutgoingMessage(
        recipient: deviceToken,
        idempotencyKey: "msg_p5jXN8AQM9LWM0D4loKWxJek",
        payload: .push(
            PushNotification(
                title: "Ada, we miss you",
                body: "Votre code « WELCOME15 » 你好",
                collapseID: "win-back-offer",
                data: ["journey": "win-back", "aps": "must not replace the alert", "homing_key": "from-the-template"]
            )
        )
    )

    static func configuration(port: Int, expiration: Duration? = nil) -> APNsConfiguration {
        APNsConfiguration(
            baseURL: "http://127.0.0.1:\(port)",
            keyVariable: variable,
            keyID: "ABC123DEFG",
            teamID: "DEF123GHIJ",
            topic: "com.shop.app",
            expiration: expiration
        )
    }

    static func adapter(
        port: Int,
        transport: Transport,
        clock: TestClock = TestClock(),
        expiration: Duration? = nil
    ) throws -> APNsAdapter {
        try APNsAdapter(
            configuration: configuration(port: port, expiration: expiration),
            transport: transport,
            environment: [variable: keyPEM],
            clock: clock.read
        )
    }

    static func reason(
        _ status: Int,
        _ reason: String,
        headers: [LoopbackHTTPServer.Header] = []
    ) -> LoopbackHTTPServer.Reply {
        .respond(status: status, headers: headers, body: Array(#"{"reason":"\#(reason)"}"#.utf8))
    }

    static let accepted = LoopbackHTTPServer.Reply.respond(
        status: 200,
        headers: [.init("apns-id", "EC1BF194-B3B2-424A-89A9-5A918A6E4B4C")]
    )

    func send(_ reply: LoopbackHTTPServer.Reply, clock: TestClock = TestClock()) async throws -> DeliveryOutcome {
        let server = try LoopbackHTTPServer { _ in reply }
        defer { server.stop() }
        let transport = try Transport()
        defer { transport.shutdown() }
        return try await Self.adapter(port: server.port, transport: transport, clock: clock).deliver(Self.message)
    }

    @Test func postsTheNotificationAsAPNsReceivesIt() async throws {
        let server = try LoopbackHTTPServer { _ in Self.accepted }
        defer { server.stop() }
        let transport = try Transport()
        defer { transport.shutdown() }
        let clock = TestClock()
        let adapter = try Self.adapter(
            port: server.port,
            transport: transport,
            clock: clock,
            expiration: .seconds(86_400)
        )

        _ = await adapter.deliver(Self.message)

        let request = try #require(server.requests.first)
        #expect(server.requests.count == 1)
        #expect(request.method == "POST")
        #expect(request.path == "/3/device/\(Self.deviceToken)")
        #expect(request.header("apns-topic") == "com.shop.app")
        #expect(request.header("apns-push-type") == "alert")
        #expect(request.header("apns-priority") == "10")
        #expect(request.header("apns-collapse-id") == "win-back-offer")
        #expect(request.header("apns-expiration") == String(clock.seconds + 86_400))
        #expect(request.header("content-type") == "application/json")
        let body = try #require(try JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any])
        #expect(body.keys.sorted() == ["aps", "homing_key", "journey"])
        #expect(body["homing_key"] as? String == "msg_p5jXN8AQM9LWM0D4loKWxJek")
        #expect(body["journey"] as? String == "win-back")
        let aps = try #require(body["aps"] as? [String: Any])
        #expect(aps["sound"] as? String == "default")
        #expect(
            aps["alert"] as? [String: String] == ["title": "Ada, we miss you", "body": "Votre code « WELCOME15 » 你好"]
        )
    }

    @Test func providerTokenIsAnES256JWTFromTheTeamWithTheKeyID() async throws {
        let server = try LoopbackHTTPServer { _ in Self.accepted }
        defer { server.stop() }
        let transport = try Transport()
        defer { transport.shutdown() }
        let clock = TestClock()

        _ = try await Self.adapter(port: server.port, transport: transport, clock: clock).deliver(Self.message)

        let authorization = try #require(server.requests.first?.header("authorization"))
        #expect(authorization.hasPrefix("bearer "))
        let token = try DecodedJSONWebToken(String(authorization.dropFirst("bearer ".count)))
        #expect(token.header["alg"] as? String == "ES256")
        #expect(token.header["kid"] as? String == "ABC123DEFG")
        #expect(token.claims.count == 2)
        #expect(token.claims["iss"] as? String == "DEF123GHIJ")
        #expect(token.claims["iat"] as? Int == Int(clock.seconds))
        let publicKey = try P256.Signing.PrivateKey(pemRepresentation: Self.keyPEM).publicKey
        let signature = try P256.Signing.ECDSASignature(rawRepresentation: token.signature)
        #expect(publicKey.isValidSignature(signature, for: token.signingInput))
    }

    @Test func noCollapseOrExpirationHeadersUnlessSet() async throws {
        let server = try LoopbackHTTPServer { _ in Self.accepted }
        defer { server.stop() }
        let transport = try Transport()
        defer { transport.shutdown() }
        var message = Self.message
        message.payload = .push(PushNotification(title: "Hi", body: "There"))

        _ = try await Self.adapter(port: server.port, transport: transport).deliver(message)

        let request = try #require(server.requests.first)
        #expect(request.header("apns-collapse-id") == nil)
        #expect(request.header("apns-expiration") == nil)
        let body = try #require(try JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any])
        #expect(body.keys.sorted() == ["aps", "homing_key"])
    }

    @Test func acceptedIsDeliveredWithTheAPNsID() async throws {
        let outcome = try await send(Self.accepted)
        #expect(outcome == .delivered(providerMessageID: "EC1BF194-B3B2-424A-89A9-5A918A6E4B4C"))
    }

    @Test(arguments: [
        (410, "Unregistered"), (400, "BadDeviceToken"), (400, "DeviceTokenNotForTopic"), (410, "ExpiredToken"),
    ])
    func deadOrForeignDeviceTokenIsAnInvalidRecipient(status: Int, reason: String) async throws {
        let outcome = try await send(Self.reason(status, reason))
        #expect(outcome == .invalidRecipient(reason: "APNs \(status) \(reason)"))
    }

    @Test func goneWithoutAReasonIsStillAnInvalidRecipient() async throws {
        let outcome = try await send(.respond(status: 410))
        #expect(outcome == .invalidRecipient(reason: "APNs 410 Unregistered"))
    }

    @Test(arguments: [(400, "BadCollapseId"), (413, "PayloadTooLarge"), (403, "InvalidProviderToken")])
    func otherRefusalIsPermanentWithTheReason(status: Int, reason: String) async throws {
        let outcome = try await send(Self.reason(status, reason))
        #expect(outcome == .permanentFailure(reason: "APNs \(status) \(reason)"))
    }

    @Test func tooManyRequestsIsRetryableAfterRetryAfter() async throws {
        let clock = TestClock()
        let outcome = try await send(
            Self.reason(429, "TooManyRequests", headers: [.init("Retry-After", "60")]),
            clock: clock
        )
        let later = Instant(millisecondsSince1970: clock.now.millisecondsSince1970 + 60_000)
        #expect(outcome == .retryable(reason: "APNs 429 TooManyRequests", notBefore: later))
    }

    @Test func serviceUnavailableIsRetryable() async throws {
        let outcome = try await send(Self.reason(503, "ServiceUnavailable"))
        #expect(outcome == .retryable(reason: "APNs 503 ServiceUnavailable", notBefore: nil))
    }

    @Test func onlyPushPayloadsAreSent() async throws {
        let server = try LoopbackHTTPServer()
        defer { server.stop() }
        let transport = try Transport()
        defer { transport.shutdown() }
        var message = Self.message
        message.payload = .text("hello")

        let outcome = try await Self.adapter(port: server.port, transport: transport).deliver(message)

        #expect(outcome == .permanentFailure(reason: "apns sends only push payloads"))
        #expect(server.requests.isEmpty)
    }
}
