import Crypto
import Foundation
import HomingChannels
import HomingCore
import HomingTestSupport
import Testing

/// The webhook adapter over real loopback HTTP: the request as the server received it, and the
/// outcome of each kind of answer.
@Suite struct WebhookAdapterTests {
    static let variable = "HOMING_TEST_WEBHOOK_SECRET"
    static let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
    static let message = OutgoingMessage(
        recipient: "c_1042",
        idempotencyKey: "msg_p5jXN8AQM9LWM0D4loKWxJek",
        payload: .fields(["event": "win_back", "customer_id": "c_1042", "link": "https://shop.example/?c=1"])
    )

    func adapter(
        port: Int,
        transport: Transport,
        clock: @escaping @Sendable () -> Instant = { .now }
    ) throws -> WebhookAdapter {
        try WebhookAdapter(
            configuration: WebhookConfiguration(
                url: "http://127.0.0.1:\(port)/hooks/homing",
                secretVariable: Self.variable
            ),
            transport: transport,
            environment: [Self.variable: Self.secret],
            clock: clock
        )
    }

    @Test func postsSignedJSONAsTheServerReceivesIt() async throws {
        let server = try LoopbackHTTPServer()
        defer { server.stop() }
        let transport = try Transport()
        defer { transport.shutdown() }
        let sentAt = try Instant(iso8601: "2026-03-05T13:22:10.750Z")
        let adapter = try adapter(port: server.port, transport: transport, clock: { sentAt })

        let outcome = await adapter.deliver(Self.message)

        #expect(outcome == .delivered(providerMessageID: nil))
        let request = try #require(server.requests.first)
        #expect(server.requests.count == 1)
        #expect(request.method == "POST")
        #expect(request.path == "/hooks/homing")
        #expect(request.header("content-type") == "application/json")
        #expect(request.header("webhook-id") == "msg_p5jXN8AQM9LWM0D4loKWxJek")
        #expect(request.header("webhook-timestamp") == "1772716930")
        #expect(request.bodyText == #"{"customer_id":"c_1042","event":"win_back","link":"https://shop.example/?c=1"}"#)
        // Recompute the signature from what arrived, as a receiver would, with Crypto directly.
        let key = SymmetricKey(data: try #require(Data(base64Encoded: "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")))
        let signed = Array("msg_p5jXN8AQM9LWM0D4loKWxJek.1772716930.".utf8) + request.body
        let mac = HMAC<SHA256>.authenticationCode(for: signed, using: key)
        #expect(request.header("webhook-signature") == "v1," + Data(mac).base64EncodedString())
    }

    @Test func sendsARawJSONPayloadByteForByte() async throws {
        let server = try LoopbackHTTPServer()
        defer { server.stop() }
        let transport = try Transport()
        defer { transport.shutdown() }
        let adapter = try adapter(
            port: server.port,
            transport: transport,
            clock: { Instant(millisecondsSince1970: 1_614_265_330_000) }
        )
        let message = OutgoingMessage(
            recipient: "c_1",
            idempotencyKey: "msg_p5jXN8AQM9LWM0D4loKWxJek",
            payload: .json(#"{"test": 2432232314}"#)
        )

        #expect(await adapter.deliver(message) == .delivered(providerMessageID: nil))

        let request = try #require(server.requests.first)
        #expect(request.bodyText == #"{"test": 2432232314}"#)
        #expect(request.header("webhook-signature") == "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")
    }

    @Test func serverErrorIsRetryableWithoutATime() async throws {
        let server = try LoopbackHTTPServer { _ in .respond(status: 503, body: Array("down for\n maintenance".utf8)) }
        defer { server.stop() }
        let transport = try Transport()
        defer { transport.shutdown() }

        let outcome = try await adapter(port: server.port, transport: transport).deliver(Self.message)

        #expect(outcome == .retryable(reason: "HTTP 503: down for maintenance", notBefore: nil))
    }

    @Test func tooManyRequestsWithDeltaSecondsIsRetryableAboutThatLater() async throws {
        let server = try LoopbackHTTPServer { _ in .respond(status: 429, headers: [.init("Retry-After", "7")]) }
        defer { server.stop() }
        let transport = try Transport()
        defer { transport.shutdown() }
        let adapter = try adapter(port: server.port, transport: transport)

        let before = Instant.now
        let outcome = await adapter.deliver(Self.message)
        let after = Instant.now

        guard case .retryable(let reason, let notBefore?) = outcome else {
            Issue.record("expected retryable with a time, got \(outcome)")
            return
        }
        #expect(reason == "HTTP 429")
        #expect(notBefore.millisecondsSince1970 >= before.millisecondsSince1970 + 7000)
        #expect(notBefore.millisecondsSince1970 <= after.millisecondsSince1970 + 7000)
    }

    @Test func tooManyRequestsWithAnHTTPDateIsRetryableAtThatDate() async throws {
        let server = try LoopbackHTTPServer { _ in
            .respond(status: 429, headers: [.init("Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT")])
        }
        defer { server.stop() }
        let transport = try Transport()
        defer { transport.shutdown() }
        let now = try Instant(iso8601: "2015-10-21T07:27:00Z")

        let outcome = try await adapter(port: server.port, transport: transport, clock: { now }).deliver(Self.message)

        #expect(outcome == .retryable(reason: "HTTP 429", notBefore: try Instant(iso8601: "2015-10-21T07:28:00Z")))
    }

    @Test func rateLimitResetIsTheFallbackTime() async throws {
        let server = try LoopbackHTTPServer { _ in
            .respond(status: 429, headers: [.init("X-RateLimit-Reset", "1445412480")])
        }
        defer { server.stop() }
        let transport = try Transport()
        defer { transport.shutdown() }

        let outcome = try await adapter(port: server.port, transport: transport).deliver(Self.message)

        #expect(outcome == .retryable(reason: "HTTP 429", notBefore: try Instant(iso8601: "2015-10-21T07:28:00Z")))
    }

    @Test func clientErrorIsPermanent() async throws {
        let server = try LoopbackHTTPServer { _ in .respond(status: 400, body: Array(#"{"error":"bad event"}"#.utf8)) }
        defer { server.stop() }
        let transport = try Transport()
        defer { transport.shutdown() }

        let outcome = try await adapter(port: server.port, transport: transport).deliver(Self.message)

        #expect(outcome == .permanentFailure(reason: #"HTTP 400: {"error":"bad event"}"#))
    }

    @Test func refusedConnectionIsRetryable() async throws {
        let port = try LoopbackPort.unused()
        let transport = try Transport()
        defer { transport.shutdown() }

        let outcome = try await adapter(port: port, transport: transport).deliver(Self.message)

        guard case .retryable(let reason, nil) = outcome else {
            Issue.record("expected retryable without a time, got \(outcome)")
            return
        }
        #expect(reason.hasPrefix("connectionFailed"))
    }

    @Test func missingSecretVariableFailsAtConstructionNamingIt() throws {
        let transport = try Transport()
        defer { transport.shutdown() }
        let configuration = WebhookConfiguration(
            url: "http://127.0.0.1:9/",
            secretVariable: "HOMING_UNSET_WEBHOOK_SECRET"
        )

        let error = #expect(throws: ChannelConfigurationError.self) {
            try WebhookAdapter(configuration: configuration, transport: transport, environment: [:])
        }

        #expect(error?.kind == .missingSecret(variable: "HOMING_UNSET_WEBHOOK_SECRET"))
        #expect(error?.description.contains("HOMING_UNSET_WEBHOOK_SECRET") == true)
    }

    @Test func malformedSecretFailsWithoutEchoingIt() throws {
        let transport = try Transport()
        defer { transport.shutdown() }
        let configuration = WebhookConfiguration(url: "http://127.0.0.1:9/", secretVariable: Self.variable)

        let error = #expect(throws: ChannelConfigurationError.self) {
            try WebhookAdapter(
                configuration: configuration,
                transport: transport,
                environment: [Self.variable: "whsec_s3cr3t!"]
            )
        }

        #expect(error?.kind == .invalidSecret(variable: Self.variable))
        #expect(error?.description.contains("s3cr3t") == false)
    }
}
