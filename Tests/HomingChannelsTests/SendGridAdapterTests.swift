import Foundation
import HomingChannels
import HomingCore
import HomingTestSupport
import Testing

/// The SendGrid adapter over real loopback HTTP: the request as the server received it, and the
/// outcome of each kind of answer.
@Suite struct SendGridAdapterTests {
    static let variable = "HOMING_TEST_SENDGRID_API_KEY"
    static let key = "SG.test-key.abc123"
    static let message = OutgoingMessage(
        recipient: "ana@example.com",
        idempotencyKey: "msg_p5jXN8AQM9LWM0D4loKWxJek",
        payload: .email(subject: "Wir vermissen dich", text: "Komm zurück", html: "<p>Komm zurück</p>")
    )

    func adapter(
        port: Int,
        transport: Transport,
        clock: @escaping @Sendable () -> Instant = { .now }
    ) throws -> SendGridAdapter {
        try SendGridAdapter(
            configuration: SendGridConfiguration(
                baseURL: "http://127.0.0.1:\(port)",
                apiKeyVariable: Self.variable,
                fromEmail: "hello@shop.example",
                fromName: "Shop"
            ),
            transport: transport,
            environment: [Self.variable: Self.key],
            clock: clock
        )
    }

    @Test func postsMailSendJSONAsTheServerReceivesIt() async throws {
        let server = try LoopbackHTTPServer { _ in .respond(status: 202) }
        defer { server.stop() }
        let transport = try Transport()
        defer { transport.shutdown() }

        _ = try await adapter(port: server.port, transport: transport).deliver(Self.message)

        let request = try #require(server.requests.first)
        #expect(server.requests.count == 1)
        #expect(request.method == "POST")
        #expect(request.path == "/v3/mail/send")
        #expect(request.header("authorization") == "Bearer SG.test-key.abc123")
        #expect(request.header("content-type") == "application/json")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any])
        let personalizations = try #require(json["personalizations"] as? [[String: Any]])
        #expect(personalizations.count == 1)
        #expect(personalizations[0]["to"] as? [[String: String]] == [["email": "ana@example.com"]])
        #expect(
            personalizations[0]["custom_args"] as? [String: String] == ["homing_key": "msg_p5jXN8AQM9LWM0D4loKWxJek"]
        )
        #expect(json["from"] as? [String: String] == ["email": "hello@shop.example", "name": "Shop"])
        #expect(json["subject"] as? String == "Wir vermissen dich")
        #expect(
            json["content"] as? [[String: String]] == [
                ["type": "text/plain", "value": "Komm zurück"],
                ["type": "text/html", "value": "<p>Komm zurück</p>"],
            ]
        )
    }

    @Test func acceptedIsDeliveredWithTheMessageID() async throws {
        let server = try LoopbackHTTPServer { _ in
            .respond(status: 202, headers: [.init("X-Message-Id", "W4yLYMwLQnCkqk0qmY6Qmw")])
        }
        defer { server.stop() }
        let transport = try Transport()
        defer { transport.shutdown() }

        let outcome = try await adapter(port: server.port, transport: transport).deliver(Self.message)

        #expect(outcome == .delivered(providerMessageID: "W4yLYMwLQnCkqk0qmY6Qmw"))
    }

    @Test func tooManyRequestsIsRetryableAfterRetryAfter() async throws {
        let server = try LoopbackHTTPServer { _ in .respond(status: 429, headers: [.init("Retry-After", "30")]) }
        defer { server.stop() }
        let transport = try Transport()
        defer { transport.shutdown() }
        let now = try Instant(iso8601: "2026-03-05T13:22:10Z")

        let outcome = try await adapter(port: server.port, transport: transport, clock: { now }).deliver(Self.message)

        #expect(outcome == .retryable(reason: "HTTP 429", notBefore: try Instant(iso8601: "2026-03-05T13:22:40Z")))
    }

    @Test func badRequestIsPermanent() async throws {
        let body = #"{"errors":[{"message":"The from address does not match a verified Sender Identity."}]}"#
        let server = try LoopbackHTTPServer { _ in .respond(status: 400, body: Array(body.utf8)) }
        defer { server.stop() }
        let transport = try Transport()
        defer { transport.shutdown() }

        let outcome = try await adapter(port: server.port, transport: transport).deliver(Self.message)

        #expect(outcome == .permanentFailure(reason: "HTTP 400: " + body))
    }

    @Test func nonEmailPayloadIsPermanentWithoutARequest() async throws {
        let server = try LoopbackHTTPServer()
        defer { server.stop() }
        let transport = try Transport()
        defer { transport.shutdown() }
        let message = OutgoingMessage(recipient: "ana@example.com", idempotencyKey: "msg_1", payload: .text("hi"))

        let outcome = try await adapter(port: server.port, transport: transport).deliver(message)

        guard case .permanentFailure = outcome else {
            Issue.record("expected a permanent failure, got \(outcome)")
            return
        }
        #expect(server.requests.isEmpty)
    }

    @Test func missingKeyVariableFailsAtConstructionNamingIt() throws {
        let transport = try Transport()
        defer { transport.shutdown() }
        let configuration = SendGridConfiguration(
            baseURL: "http://127.0.0.1:9",
            apiKeyVariable: "HOMING_UNSET_SENDGRID_KEY",
            fromEmail: "hello@shop.example"
        )

        let error = #expect(throws: ChannelConfigurationError.self) {
            try SendGridAdapter(configuration: configuration, transport: transport, environment: [:])
        }

        #expect(error?.kind == .missingSecret(variable: "HOMING_UNSET_SENDGRID_KEY"))
        #expect(error?.description.contains("HOMING_UNSET_SENDGRID_KEY") == true)
    }
}
