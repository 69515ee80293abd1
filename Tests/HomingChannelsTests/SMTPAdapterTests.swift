import HomingChannels
import HomingCore
import HomingTestSupport
import Testing

/// The SMTP adapter over real loopback SMTP: what the server receives, and the outcome of each
/// kind of server answer as it travels over the wire.
@Suite struct SMTPAdapterTests {
    static let variable = "HOMING_TEST_SMTP_PASSWORD"
    static let password = "correct horse battery staple"

    static func mime(_ key: String = "msg_p5jXN8AQM9LWM0D4loKWxJek") -> [UInt8] {
        Array(
            [
                "From: Shop <hello@shop.example>", "To: ada@example.com", "Subject: Welcome back",
                "X-Homing-Key: \(key)", "MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8", "",
                "Hello Ada,", ".", "..and 20% off.", "",
            ].joined(separator: "\r\n").utf8
        )
    }

    static func adapter(
        _ server: SMTPTestServer,
        transport: Transport,
        username: String? = nil,
        timeout: Duration? = nil
    ) throws -> SMTPAdapter {
        try SMTPAdapter(
            configuration: SMTPConfiguration(
                url: "smtp://127.0.0.1:\(server.port)",
                starttls: .off,
                username: username,
                passwordVariable: username == nil ? nil : variable,
                envelopeFrom: "bounces@shop.example",
                timeout: timeout
            ),
            transport: transport,
            environment: [variable: password]
        )
    }

    static func message(to recipient: String = "ada@example.com") -> OutgoingMessage {
        OutgoingMessage(recipient: recipient, idempotencyKey: "msg_p5jXN8AQM9LWM0D4loKWxJek", payload: .mime(mime()))
    }

    @Test func deliversTheMessageAsGivenAndReportsTheQueueID() async throws {
        let server = try SMTPTestServer(auth: ["PLAIN", "LOGIN"], username: "shop", password: Self.password)
        defer { server.stop() }
        let transport = try Transport()
        defer { transport.shutdown() }
        let adapter = try Self.adapter(server, transport: transport, username: "shop")

        let outcome = await adapter.deliver(Self.message())

        #expect(outcome == .delivered(providerMessageID: "Q00001"))
        let received = try #require(try server.messages().first)
        #expect(received.data == Self.mime())
        #expect(received.from == "bounces@shop.example")
        #expect(received.to == ["ada@example.com"])
        #expect(received.auth?.username == "shop")
        #expect(adapter.channel == "email")
        #expect(adapter.payloadKind == .mime)
    }

    enum Expected: Sendable {
        case invalidRecipient, retryable, permanent
    }

    static let refusals: [(at: String, reply: [String], expected: Expected)] = [
        (
            "rcpt", ["550 5.1.1 <gone@example.com>: Recipient address rejected: User unknown in local recipient table"],
            .invalidRecipient
        ),
        ("rcpt", ["450 4.2.0 <gone@example.com>: Recipient address rejected: Greylisted"], .retryable),
        ("data", ["451 4.3.0 Error: queue file write error"], .retryable),
        (
            "data", ["554 5.7.1 Service unavailable; Client host [127.0.0.1] blocked using zen.spamhaus.org"],
            .permanent
        ),
    ]

    @Test(arguments: refusals)
    func refusalsAreClassifiedOverTheWire(at stage: String, reply: [String], expected: Expected) async throws {
        let scripted = ["gone@example.com": reply]
        let server = try SMTPTestServer(
            rcptReplies: stage == "rcpt" ? scripted : [:],
            dataReplies: stage == "data" ? scripted : [:]
        )
        defer { server.stop() }
        let transport = try Transport()
        defer { transport.shutdown() }

        let outcome = try await Self.adapter(server, transport: transport).deliver(Self.message(to: "gone@example.com"))

        let reason = "SMTP " + reply[0].replacingOccurrences(of: "<gone@", with: "<g***@")
        switch expected {
        case .invalidRecipient: #expect(outcome == .invalidRecipient(reason: reason))
        case .retryable: #expect(outcome == .retryable(reason: reason, notBefore: nil))
        case .permanent: #expect(outcome == .permanentFailure(reason: reason))
        }
    }

    @Test func aRefusalLeavesTheTransportReadyForTheNextMessage() async throws {
        let server = try SMTPTestServer(rcptReplies: ["gone@example.com": ["550 5.1.1 User unknown"]])
        defer { server.stop() }
        let transport = try Transport()
        defer { transport.shutdown() }
        let adapter = try Self.adapter(server, transport: transport)

        let refused = await adapter.deliver(Self.message(to: "gone@example.com"))
        let accepted = await adapter.deliver(Self.message())

        #expect(refused == .invalidRecipient(reason: "SMTP 550 5.1.1 User unknown"))
        #expect(accepted == .delivered(providerMessageID: "Q00001"))
        #expect(try server.messages().map(\.to) == [["ada@example.com"]])
    }

    @Test func aServerThatNeverAnswersTimesOutAndIsRetried() async throws {
        let server = try SMTPTestServer(silent: true)
        defer { server.stop() }
        let transport = try Transport()
        defer { transport.shutdown() }
        let adapter = try Self.adapter(server, transport: transport, timeout: .milliseconds(500))

        let outcome = await adapter.deliver(Self.message())

        guard case .retryable(let reason, nil) = outcome else {
            Issue.record("expected a retry, got \(outcome)")
            return
        }
        #expect(reason.hasPrefix("timeout"))
        #expect(try server.connectionCount() == 1)
    }

    @Test func onlyMIMEPayloadsAreSent() async throws {
        let server = try SMTPTestServer()
        defer { server.stop() }
        let transport = try Transport()
        defer { transport.shutdown() }
        let message = OutgoingMessage(recipient: "ada@example.com", idempotencyKey: "k", payload: .text("hi"))

        let outcome = try await Self.adapter(server, transport: transport).deliver(message)

        #expect(outcome == .permanentFailure(reason: "smtp sends only mime payloads"))
        #expect(try server.connectionCount() == 0)
    }
}
