import Foundation
import HomingChannels
import HomingCore
import HomingTestSupport
import Testing

/// The Twilio adapter over real loopback HTTP: the form as the server received it, and the
/// outcome of each kind of answer, including Twilio's own invalid-recipient codes.
@Suite struct TwilioAdapterTests {
    static let variable = "HOMING_TEST_TWILIO_AUTH_TOKEN"
    static let token = "f00dfeedf00dfeedf00dfeedf00dfeed"
    static let accountSID = "AC0123456789abcdef0123456789abcdef"
    static let message = OutgoingMessage(
        recipient: "+8613800138000",
        idempotencyKey: "msg_p5jXN8AQM9LWM0D4loKWxJek",
        payload: .text("你好，欢迎回来! 50% off & more=yes")
    )

    func adapter(
        port: Int,
        transport: Transport,
        sender: TwilioConfiguration.Sender = .from("+14155550100"),
        statusCallback: String? = nil
    ) throws -> TwilioAdapter {
        try TwilioAdapter(
            configuration: TwilioConfiguration(
                baseURL: "http://127.0.0.1:\(port)",
                accountSID: Self.accountSID,
                authTokenVariable: Self.variable,
                sender: sender,
                statusCallback: statusCallback
            ),
            transport: transport,
            environment: [Self.variable: Self.token]
        )
    }

    /// Decodes a form body the way a receiver would, with Foundation rather than our encoder.
    func form(_ request: LoopbackHTTPServer.Request) throws -> [String: String] {
        var components = URLComponents()
        // URLComponents does not turn `+` into a space; the form encoding does, so do it first.
        components.percentEncodedQuery = request.bodyText.replacingOccurrences(of: "+", with: "%20")
        let items = try #require(components.queryItems)
        #expect(Set(items.map(\.name)).count == items.count, "no field repeats")
        return Dictionary(uniqueKeysWithValues: items.map { ($0.name, $0.value ?? "") })
    }

    static func reply(_ status: Int, _ json: String) -> LoopbackHTTPServer.Reply {
        .respond(status: status, headers: [.init("Content-Type", "application/json")], body: Array(json.utf8))
    }

    @Test func postsTheFormWithBasicAuthAsTheServerReceivesIt() async throws {
        let server = try LoopbackHTTPServer { _ in Self.reply(201, #"{"sid": "SM1"}"#) }
        defer { server.stop() }
        let transport = try Transport()
        defer { transport.shutdown() }

        _ = try await adapter(port: server.port, transport: transport).deliver(Self.message)

        let request = try #require(server.requests.first)
        #expect(server.requests.count == 1)
        #expect(request.method == "POST")
        #expect(request.path == "/2010-04-01/Accounts/\(Self.accountSID)/Messages.json")
        #expect(request.header("content-type") == "application/x-www-form-urlencoded")
        let credentials = try #require(request.header("authorization")?.split(separator: " ").last)
        #expect(request.header("authorization")?.hasPrefix("Basic ") == true)
        let decoded = try #require(Data(base64Encoded: String(credentials)))
        #expect(String(decoding: decoded, as: UTF8.self) == "\(Self.accountSID):\(Self.token)")
        #expect(
            try form(request) == [
                "To": "+8613800138000",
                "Body": "你好，欢迎回来! 50% off & more=yes",
                "From": "+14155550100",
            ]
        )
        // The `+` of E.164 must arrive percent-encoded, or a form decoder reads it as a space.
        #expect(request.bodyText.contains("To=%2B8613800138000"))
    }

    @Test func messagingServiceAndStatusCallbackReplaceFrom() async throws {
        let server = try LoopbackHTTPServer { _ in Self.reply(201, #"{"sid": "SM1"}"#) }
        defer { server.stop() }
        let transport = try Transport()
        defer { transport.shutdown() }
        let adapter = try adapter(
            port: server.port,
            transport: transport,
            sender: .messagingService("MG0123456789abcdef0123456789abcdef"),
            statusCallback: "https://homing.shop.example/twilio/status?tenant=a&b=c"
        )

        _ = await adapter.deliver(Self.message)

        let fields = try form(try #require(server.requests.first))
        #expect(fields["From"] == nil)
        #expect(fields["MessagingServiceSid"] == "MG0123456789abcdef0123456789abcdef")
        #expect(fields["StatusCallback"] == "https://homing.shop.example/twilio/status?tenant=a&b=c")
    }

    @Test func noStatusCallbackUnlessConfigured() async throws {
        let server = try LoopbackHTTPServer { _ in Self.reply(201, #"{"sid": "SM1"}"#) }
        defer { server.stop() }
        let transport = try Transport()
        defer { transport.shutdown() }

        _ = try await adapter(port: server.port, transport: transport).deliver(Self.message)

        let fields = try form(try #require(server.requests.first))
        #expect(fields.keys.sorted() == ["Body", "From", "To"])
    }

    @Test func createdIsDeliveredWithTheSid() async throws {
        let server = try LoopbackHTTPServer { _ in
            Self.reply(201, #"{"sid": "SM0123456789abcdef0123456789abcdef", "status": "queued"}"#)
        }
        defer { server.stop() }
        let transport = try Transport()
        defer { transport.shutdown() }

        let outcome = try await adapter(port: server.port, transport: transport).deliver(Self.message)

        #expect(outcome == .delivered(providerMessageID: "SM0123456789abcdef0123456789abcdef"))
    }

    @Test(arguments: [21211, 21614, 21610])
    func invalidNumberOrStopIsAnInvalidRecipient(code: Int) async throws {
        let server = try LoopbackHTTPServer { _ in
            Self.reply(
                400,
                #"{"code": \#(code), "message": "Nope", "more_info": "https://www.twilio.com/docs/errors/\#(code)", "status": 400}"#
            )
        }
        defer { server.stop() }
        let transport = try Transport()
        defer { transport.shutdown() }

        let outcome = try await adapter(port: server.port, transport: transport).deliver(Self.message)

        #expect(outcome == .invalidRecipient(reason: "Twilio \(code): Nope"))
    }

    @Test func otherClientErrorCodeIsPermanent() async throws {
        let body = #"{"code": 21602, "message": "Message body is required.", "status": 400}"#
        let server = try LoopbackHTTPServer { _ in Self.reply(400, body) }
        defer { server.stop() }
        let transport = try Transport()
        defer { transport.shutdown() }

        let outcome = try await adapter(port: server.port, transport: transport).deliver(Self.message)

        #expect(outcome == .permanentFailure(reason: "HTTP 400: " + body))
    }

    @Test func serviceUnavailableIsRetryable() async throws {
        let server = try LoopbackHTTPServer { _ in .respond(status: 503, headers: [.init("Retry-After", "5")]) }
        defer { server.stop() }
        let transport = try Transport()
        defer { transport.shutdown() }

        let outcome = try await adapter(port: server.port, transport: transport).deliver(Self.message)

        guard case .retryable(let reason, let notBefore) = outcome else {
            Issue.record("expected retryable, got \(outcome)")
            return
        }
        #expect(reason == "HTTP 503")
        #expect(notBefore != nil)
    }

    @Test func missingTokenVariableFailsAtConstructionNamingIt() throws {
        let transport = try Transport()
        defer { transport.shutdown() }
        let configuration = TwilioConfiguration(
            accountSID: Self.accountSID,
            authTokenVariable: "HOMING_UNSET_TWILIO_TOKEN",
            sender: .from("+14155550100")
        )

        let error = #expect(throws: ChannelConfigurationError.self) {
            try TwilioAdapter(configuration: configuration, transport: transport, environment: [:])
        }

        #expect(error?.kind == .missingSecret(variable: "HOMING_UNSET_TWILIO_TOKEN"))
    }
}
