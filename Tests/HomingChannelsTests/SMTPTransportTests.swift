import HomingChannels
import HomingTestSupport
import Testing

/// SMTP on the transport's multi handle, against a real server on loopback: the message arrives
/// byte for byte with its envelope and AUTH, and a refusal comes back as a response carrying the
/// server's code and text while a dead server is an error.
@Suite struct SMTPTransportTests {
    /// CRLF line ends, lines that need dot-stuffing (a lone `.`, a leading `.` and `..`), UTF-8.
    static let message = Array(
        [
            "From: Shop <hello@shop.example>", "To: ada@example.com", "Subject: =?UTF-8?B?5L2g5aW9?=",
            "X-Homing-Key: msg_p5jXN8AQM9LWM0D4loKWxJek", "", "Bonjour Ada,", ".", ".hidden", "..two dots",
            "fin. café", "",
        ].joined(separator: "\r\n").utf8
    )

    static func request(port: Int, to recipients: [String] = ["ada@example.com"]) -> SMTPRequest {
        SMTPRequest(
            url: "smtp://127.0.0.1:\(port)",
            tls: .none,
            username: "shop",
            password: "s3cret pass",
            envelopeFrom: "bounces@shop.example",
            recipients: recipients,
            message: message
        )
    }

    @Test(arguments: ["PLAIN", "LOGIN"])
    func messageArrivesByteExactWithEnvelopeAndAuth(mechanism: String) async throws {
        let server = try SMTPTestServer(auth: [mechanism], username: "shop", password: "s3cret pass")
        defer { server.stop() }
        let transport = try Transport()
        defer { transport.shutdown() }

        let response = try await transport.send(smtp: Self.request(port: server.port))

        #expect(response.code == 250)
        #expect(response.finalReply == ["250 2.0.0 Ok: queued as Q00001"])
        #expect(response.lines.first == "220 homing-test ESMTP ready")
        let received = try #require(try server.messages().first)
        #expect(received.data == Self.message)
        #expect(received.from == "bounces@shop.example")
        #expect(received.to == ["ada@example.com"])
        #expect(received.auth?.mechanism == mechanism)
        #expect(received.auth?.username == "shop")
        #expect(received.tls == false)
    }

    @Test func wrongPasswordIsARefusalWithTheServersReply() async throws {
        let server = try SMTPTestServer(auth: ["PLAIN"], username: "shop", password: "another")
        defer { server.stop() }
        let transport = try Transport()
        defer { transport.shutdown() }

        let response = try await transport.send(smtp: Self.request(port: server.port))

        #expect(response.code == 535)
        #expect(response.finalReply == ["535 5.7.8 Authentication credentials invalid"])
        #expect(try server.messages().isEmpty)
    }

    @Test func refusedRecipientIsAResponseNotAnError() async throws {
        let reply = [
            "550-5.1.1 The email account that you tried to reach does not exist.",
            "550 5.1.1 https://support.google.com/mail/?p=NoSuchUser - gsmtp",
        ]
        let server = try SMTPTestServer(rcptReplies: ["gone@example.com": reply])
        defer { server.stop() }
        let transport = try Transport()
        defer { transport.shutdown() }
        var request = Self.request(port: server.port, to: ["gone@example.com"])
        request.username = nil

        let response = try await transport.send(smtp: request)

        #expect(response.code == 550)
        #expect(response.finalReply == reply)
        #expect(!response.isAccepted)
    }

    @Test func nothingListeningIsAConnectionFailure() async throws {
        let port = try LoopbackPort.unused()
        let transport = try Transport()
        defer { transport.shutdown() }

        let error = await #expect(throws: TransportError.self) {
            _ = try await transport.send(smtp: Self.request(port: port))
        }

        #expect(error?.kind == .connectionFailed)
    }

    @Test func anHTTPURLIsRefusedBeforeConnecting() async throws {
        let transport = try Transport()
        defer { transport.shutdown() }
        var request = Self.request(port: 1)
        request.url = "http://127.0.0.1:1/"

        let error = await #expect(throws: TransportError.self) {
            _ = try await transport.send(smtp: request)
        }

        #expect(error?.kind == .other)
    }
}
