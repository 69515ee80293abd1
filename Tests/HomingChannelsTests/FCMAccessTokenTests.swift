import Foundation
import HomingChannels
import HomingCore
import HomingTestSupport
import Testing
import _CryptoExtras

/// FCM's OAuth access token over real loopback: the signed assertion as the token endpoint
/// receives it, one token shared by many sends, a new one on expiry and after a `401`.
@Suite struct FCMAccessTokenTests {
    static let variable = "HOMING_TEST_FCM_SERVICE_ACCOUNT"
    static let message = OutgoingMessage(
        recipient: "fcm-device-token-1",
        idempotencyKey: "msg_p5jXN8AQM9LWM0D4loKWxJek",
        payload: .push(PushNotification(title: "We miss you", body: "15% off"))
    )

    static func delivered(_ request: LoopbackHTTPServer.Request) -> LoopbackHTTPServer.Reply {
        .respond(status: 200, body: Array(#"{"name":"projects/shop-test/messages/1"}"#.utf8))
    }

    func adapter(
        _ google: FCMStandIn,
        transport: Transport,
        clock: TestClock = TestClock(),
        tokenURL: String? = nil
    ) throws -> FCMAdapter {
        try FCMAdapter(
            configuration: FCMConfiguration(
                baseURL: google.baseURL,
                serviceAccountVariable: Self.variable,
                tokenURL: tokenURL
            ),
            transport: transport,
            environment: [Self.variable: google.serviceAccountJSON()],
            clock: clock.read
        )
    }

    @Test func tokenRequestCarriesASignedJWTBearerAssertion() async throws {
        let google = try FCMStandIn(send: Self.delivered)
        defer { google.stop() }
        let transport = try Transport()
        defer { transport.shutdown() }
        let clock = TestClock()

        let outcome = try await adapter(google, transport: transport, clock: clock).deliver(Self.message)

        #expect(outcome == .delivered(providerMessageID: "projects/shop-test/messages/1"))
        let request = try #require(google.tokenRequests.first)
        #expect(request.method == "POST")
        #expect(request.header("content-type") == "application/x-www-form-urlencoded")
        let form = FCMStandIn.form(request)
        #expect(form.keys.sorted() == ["assertion", "grant_type"])
        #expect(form["grant_type"] == "urn:ietf:params:oauth:grant-type:jwt-bearer")
        let assertion = try DecodedJSONWebToken(try #require(form["assertion"]))
        #expect(assertion.header["alg"] as? String == "RS256")
        #expect(
            FCMStandIn.key.publicKey.isValidSignature(
                _RSA.Signing.RSASignature(rawRepresentation: assertion.signature),
                for: assertion.signingInput,
                padding: .insecurePKCS1v1_5
            )
        )
        #expect(assertion.claims.count == 5)
        #expect(assertion.claims["iss"] as? String == FCMStandIn.clientEmail)
        #expect(assertion.claims["scope"] as? String == "https://www.googleapis.com/auth/firebase.messaging")
        #expect(assertion.claims["aud"] as? String == google.tokenURL)
        #expect(assertion.claims["iat"] as? Int == Int(clock.seconds))
        #expect(assertion.claims["exp"] as? Int == Int(clock.seconds) + 3600)
        #expect(google.sendRequests.map(FCMStandIn.bearer) == ["ya29.token-1"])
    }

    @Test func configuredTokenURLReplacesTheKeysTokenURI() async throws {
        let google = try FCMStandIn(send: Self.delivered)
        defer { google.stop() }
        let transport = try Transport()
        defer { transport.shutdown() }
        let standIn = google.baseURL + "/token"
        let configuration = FCMConfiguration(
            baseURL: google.baseURL,
            serviceAccountVariable: Self.variable,
            tokenURL: standIn
        )
        // The key names Google's real endpoint, which must not be asked.
        let environment = [Self.variable: google.serviceAccountJSON(tokenURI: "https://oauth2.googleapis.com/token")]

        let outcome = try await FCMAdapter(configuration: configuration, transport: transport, environment: environment)
            .deliver(Self.message)

        #expect(outcome == .delivered(providerMessageID: "projects/shop-test/messages/1"))
        let assertion = try DecodedJSONWebToken(try #require(FCMStandIn.form(google.tokenRequests[0])["assertion"]))
        #expect(assertion.claims["aud"] as? String == standIn)
    }

    @Test func concurrentSendsDuringARefreshWaitForOneTokenRequest() async throws {
        // The slow token answer keeps every send waiting for the same refresh.
        let google = try FCMStandIn(tokenDelay: .milliseconds(300), send: Self.delivered)
        defer { google.stop() }
        let transport = try Transport()
        defer { transport.shutdown() }
        let adapter = try adapter(google, transport: transport)

        let outcomes = await withTaskGroup(of: DeliveryOutcome.self) { group in
            for _ in 0..<20 { group.addTask { await adapter.deliver(Self.message) } }
            return await group.reduce(into: [DeliveryOutcome]()) { $0.append($1) }
        }

        #expect(outcomes.count == 20)
        #expect(outcomes.allSatisfy { $0 == .delivered(providerMessageID: "projects/shop-test/messages/1") })
        #expect(google.tokenRequests.count == 1)
        #expect(google.sendRequests.count == 20)
        #expect(Set(google.sendRequests.map(FCMStandIn.bearer)) == ["ya29.token-1"])
    }

    @Test func tokenIsReusedUntilShortlyBeforeItExpires() async throws {
        let google = try FCMStandIn(send: Self.delivered)
        defer { google.stop() }
        let transport = try Transport()
        defer { transport.shutdown() }
        let clock = TestClock()
        let adapter = try adapter(google, transport: transport, clock: clock)

        _ = await adapter.deliver(Self.message)
        clock.advance(seconds: 3_000)
        _ = await adapter.deliver(Self.message)
        #expect(google.tokenRequests.count == 1)

        // Google's token lives 3600 s; a send 5 minutes before that gets a new one.
        clock.advance(seconds: 300)
        _ = await adapter.deliver(Self.message)
        _ = await adapter.deliver(Self.message)

        #expect(google.tokenRequests.count == 2)
        #expect(
            google.sendRequests.map(FCMStandIn.bearer) == [
                "ya29.token-1", "ya29.token-1", "ya29.token-2", "ya29.token-2",
            ]
        )
    }

    @Test func unauthorizedDropsTheTokenAndRetriesOnceWithAFreshOne() async throws {
        let google = try FCMStandIn { request in
            FCMStandIn.bearer(request) == "ya29.token-1"
                ? .respond(status: 401, body: Array(#"{"error":{"code":401,"status":"UNAUTHENTICATED"}}"#.utf8))
                : Self.delivered(request)
        }
        defer { google.stop() }
        let transport = try Transport()
        defer { transport.shutdown() }
        let adapter = try adapter(google, transport: transport)

        let first = await adapter.deliver(Self.message)
        let second = await adapter.deliver(Self.message)

        #expect(first == .delivered(providerMessageID: "projects/shop-test/messages/1"))
        #expect(second == .delivered(providerMessageID: "projects/shop-test/messages/1"))
        #expect(google.tokenRequests.count == 2)
        #expect(google.sendRequests.map(FCMStandIn.bearer) == ["ya29.token-1", "ya29.token-2", "ya29.token-2"])
    }

    @Test func unauthorizedWithTheFreshTokenTooIsPermanent() async throws {
        let body =
            #"{"error":{"code":401,"message":"Request had invalid authentication credentials.","status":"UNAUTHENTICATED"}}"#
        let google = try FCMStandIn { _ in .respond(status: 401, body: Array(body.utf8)) }
        defer { google.stop() }
        let transport = try Transport()
        defer { transport.shutdown() }

        let outcome = try await adapter(google, transport: transport).deliver(Self.message)

        #expect(
            outcome
                == .permanentFailure(reason: "FCM 401 UNAUTHENTICATED: Request had invalid authentication credentials.")
        )
        #expect(google.tokenRequests.count == 2)
        #expect(google.sendRequests.count == 2)
    }

    @Test func tokenEndpointOutageIsRetryableAndSendsNothing() async throws {
        let google = try FCMStandIn(
            tokenReply: { _ in .respond(status: 503, headers: [.init("Retry-After", "20")]) },
            send: Self.delivered
        )
        defer { google.stop() }
        let transport = try Transport()
        defer { transport.shutdown() }
        let clock = TestClock()

        let outcome = try await adapter(google, transport: transport, clock: clock).deliver(Self.message)

        let later = Instant(millisecondsSince1970: clock.now.millisecondsSince1970 + 20_000)
        #expect(outcome == .retryable(reason: "fcm token request: HTTP 503", notBefore: later))
        #expect(google.sendRequests.isEmpty)
    }

    @Test func refusedAssertionIsPermanentAndNotCached() async throws {
        let body = #"{"error":"invalid_grant","error_description":"Invalid JWT Signature."}"#
        let google = try FCMStandIn(
            tokenReply: { _ in .respond(status: 400, body: Array(body.utf8)) },
            send: Self.delivered
        )
        defer { google.stop() }
        let transport = try Transport()
        defer { transport.shutdown() }
        let adapter = try adapter(google, transport: transport)

        let first = await adapter.deliver(Self.message)
        _ = await adapter.deliver(Self.message)

        #expect(first == .permanentFailure(reason: "fcm token request: HTTP 400: " + body))
        #expect(google.tokenRequests.count == 2)
        #expect(google.sendRequests.isEmpty)
    }
}
