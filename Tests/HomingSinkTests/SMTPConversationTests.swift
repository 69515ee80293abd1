import Foundation
import HomingSink
import Testing

/// The sink's SMTP server in a real socket conversation: extensions, AUTH, several messages per
/// connection, dot-unstuffing, sequencing errors and the SMTP form of each fault.
@Suite struct SMTPConversationTests {
    static func message(key: String, subject: String, body: String) -> String {
        "From: shop@example.com\r\nTo: ana@example.com\r\nSubject: \(subject)\r\nX-Homing-Key: \(key)\r\n\r\n\(body)"
    }

    func client(_ fixture: SinkFixture) throws -> SMTPTestClient {
        let client = try SMTPTestClient(port: fixture.sink.smtpPort)
        #expect(try client.reply().code == 220)
        return client
    }

    @Test func ehloAdvertisesTheExtensionsButNotSTARTTLS() async throws {
        let fixture = try await SinkFixture()
        let client = try client(fixture)
        let ehlo = try client.command("EHLO client.test")
        #expect(ehlo.code == 250)
        let keywords = Set(ehlo.lines.dropFirst().map { String($0.dropFirst(4)) })
        #expect(keywords.isSuperset(of: ["8BITMIME", "SMTPUTF8", "PIPELINING", "AUTH PLAIN LOGIN"]))
        #expect(keywords.contains { $0.hasPrefix("SIZE ") })
        #expect(!keywords.contains("STARTTLS"))
        #expect(try client.command("STARTTLS").code == 502)
        #expect(try client.command("FROB").code == 500)
        #expect(try client.command("QUIT").code == 221)
        #expect(client.isClosed())
        _ = try await fixture.stopAndReadRecords()
    }

    @Test func authPlainThenTwoMessagesWithRsetAndDotUnstuffing() async throws {
        let fixture = try await SinkFixture()
        let client = try client(fixture)
        _ = try client.command("EHLO client.test")
        // "\0user\0secret" in base64.
        #expect(try client.command("AUTH PLAIN AHVzZXIAc2VjcmV0").code == 235)
        #expect(try client.command("MAIL FROM:<shop@example.com> BODY=8BITMIME SMTPUTF8").code == 250)
        #expect(try client.command("RCPT TO:<ana@example.com>").code == 250)
        #expect(try client.command("RSET").code == 250)
        #expect(try client.command("DATA").code == 503, "RSET dropped the transaction")

        let body = "line one\r\n.starts with a dot\r\n..two dots\r\n"
        let stuffed = "line one\r\n..starts with a dot\r\n...two dots\r\n"
        let first = Self.message(key: "msg_smtp_1", subject: "=?UTF-8?B?5qyi6L+O5Zue5p2l?=", body: stuffed)
        #expect(try client.command("MAIL FROM:<shop@example.com>").code == 250)
        #expect(try client.command("RCPT TO:<ana@example.com>").code == 250)
        #expect(try client.command("RCPT TO:<bo@example.com>").code == 250)
        #expect(try client.command("DATA").code == 354)
        #expect(try client.command(first + ".").code == 250)

        let second = Self.message(key: "msg_smtp_2", subject: "=?UTF-8?Q?Caf=C3=A9_time?=", body: "hi\r\n")
        #expect(try client.command("MAIL FROM:<shop@example.com>").code == 250)
        #expect(try client.command("RCPT TO:<cy@example.com>").code == 250)
        #expect(try client.command("DATA").code == 354)
        #expect(try client.command(second + ".").code == 250)
        #expect(try client.command("QUIT").code == 221)

        let records = try await fixture.stopAndReadRecords()
        #expect(records.count == 2)
        #expect(records.map { $0["idempotency_key"] as? String } == ["msg_smtp_1", "msg_smtp_2"])
        #expect(records.map { $0["subject"] as? String } == ["欢迎回来", "Café time"])
        #expect(records[0]["recipients"] as? [String] == ["ana@example.com", "bo@example.com"])
        #expect(records[0]["recipient"] as? String == "ana@example.com")
        let unstuffed = Self.message(key: "msg_smtp_1", subject: "=?UTF-8?B?5qyi6L+O5Zue5p2l?=", body: body)
        #expect(records[0]["size"] as? Int == unstuffed.utf8.count)
        #expect((records[0]["headers"] as? [String: String])?["x-homing-key"] == "msg_smtp_1")
        #expect(fixture.sink.acceptedCount == 2)
    }

    @Test func authLoginAndPipelinedTransaction() async throws {
        let fixture = try await SinkFixture()
        let client = try client(fixture)
        _ = try client.command("EHLO client.test")
        #expect(try client.command("AUTH LOGIN").code == 334)
        #expect(try client.command("dXNlcg==").code == 334)
        #expect(try client.command("c2VjcmV0").code == 235)
        try client.send(
            "MAIL FROM:<shop@example.com>\r\nRCPT TO:<ana@example.com>\r\nDATA\r\n"
                + Self.message(key: "msg_pipe", subject: "Hi", body: "x\r\n") + ".\r\nQUIT\r\n"
        )
        #expect(try (0..<5).map { _ in try client.reply().code } == [250, 250, 354, 250, 221])
        let records = try await fixture.stopAndReadRecords()
        #expect(records.map { $0["idempotency_key"] as? String } == ["msg_pipe"])
    }

    /// With latency, the end-of-data answer waits on a timer; pipelined commands behind it must
    /// still be answered after it, in order.
    @Test func latencyKeepsPipelinedRepliesInOrder() async throws {
        let fixture = try await SinkFixture(faults: SinkFaults(latency: .milliseconds(30)))
        let client = try client(fixture)
        _ = try client.command("EHLO client.test")
        var script = ""
        for index in 0..<2 {
            script += "MAIL FROM:<shop@example.com>\r\nRCPT TO:<ana@example.com>\r\nDATA\r\n"
            script += Self.message(key: "msg_slow_\(index)", subject: "s", body: "b\r\n") + ".\r\n"
        }
        try client.send(script + "NOOP\r\nQUIT\r\n")
        #expect(
            try (0..<10).map { _ in try client.reply().code } == [250, 250, 354, 250, 250, 250, 354, 250, 250, 221]
        )
        let records = try await fixture.stopAndReadRecords()
        #expect(records.map { $0["idempotency_key"] as? String } == ["msg_slow_0", "msg_slow_1"])
    }

    @Test func badSequencesAre503() async throws {
        let fixture = try await SinkFixture()
        let client = try client(fixture)
        #expect(try client.command("MAIL FROM:<a@b.test>").code == 503, "before EHLO")
        _ = try client.command("HELO client.test")
        #expect(try client.command("RCPT TO:<a@b.test>").code == 503)
        #expect(try client.command("DATA").code == 503)
        #expect(try client.command("MAIL FROM:<a@b.test>").code == 250)
        #expect(try client.command("MAIL FROM:<a@b.test>").code == 503, "nested MAIL")
        #expect(try client.command("MAIL FROM:a@b.test").code == 503)
        #expect(try client.command("NOOP").code == 250)
        _ = try await fixture.stopAndReadRecords()
    }

    @Test func rejectedRecipientIs550AndFailRateIs451AtEndOfData() async throws {
        let faults = SinkFaults(failRate: 1, rejectRecipients: try RecipientPattern("@bounce\\.test$"))
        let fixture = try await SinkFixture(faults: faults)
        let client = try client(fixture)
        _ = try client.command("EHLO client.test")
        #expect(try client.command("MAIL FROM:<shop@example.com>").code == 250)
        let rejected = try client.command("RCPT TO:<gone@bounce.test>")
        #expect(rejected.code == 550)
        #expect(rejected.lines.first == "550 5.1.1 <gone@bounce.test>: Recipient address rejected")
        #expect(try client.command("DATA").code == 554, "no valid recipients")
        #expect(try client.command("RCPT TO:<ana@example.com>").code == 250)
        #expect(try client.command("DATA").code == 354)
        let failed = try client.command(Self.message(key: "msg_fail", subject: "s", body: "b\r\n") + ".")
        #expect(failed.code == 451)
        #expect(failed.lines.first?.hasPrefix("451 4.3.0") == true)
        let records = try await fixture.stopAndReadRecords()
        #expect(records.map { $0["outcome"] as? String } == ["rejected", "failed"])
        #expect(records.map { $0["status"] as? Int } == [550, 451])
    }

    @Test func throttledMessageIs451With471() async throws {
        let fixture = try await SinkFixture(faults: SinkFaults(throttlePerSecond: 1))
        let client = try client(fixture)
        _ = try client.command("EHLO client.test")
        var codes: [String] = []
        for index in 0..<3 {
            _ = try client.command("MAIL FROM:<shop@example.com>")
            _ = try client.command("RCPT TO:<ana@example.com>")
            _ = try client.command("DATA")
            let reply = try client.command(Self.message(key: "msg_t\(index)", subject: "s", body: "b\r\n") + ".")
            codes.append(String(reply.lines[0].prefix(9)))
        }
        #expect(codes.first == "250 2.0.0")
        #expect(codes.contains("451 4.7.1"), "\(codes)")
        _ = try await fixture.stopAndReadRecords()
    }

    /// The session keeps its message buffer between messages (a large one is let go of): each
    /// record must still hold only its own message.
    @Test func messagesOfDifferentSizesOnOneConnectionKeepOnlyTheirOwnBytes() async throws {
        let fixture = try await SinkFixture()
        let client = try client(fixture)
        _ = try client.command("EHLO client.test")
        let bodies = [
            "short\r\n", String(repeating: "x", count: 900) + "\r\n", "tiny\r\n",
            String(repeating: "y\r\n", count: 100_000), "last\r\n",
        ]
        for (index, body) in bodies.enumerated() {
            #expect(try client.command("MAIL FROM:<shop@example.com>").code == 250)
            #expect(try client.command("RCPT TO:<ana@example.com>").code == 250)
            #expect(try client.command("DATA").code == 354)
            let text = Self.message(key: "msg_size_\(index)", subject: "n\(index)", body: body)
            #expect(try client.command(text + ".").code == 250)
        }
        let records = try await fixture.stopAndReadRecords()
        #expect(records.map { $0["subject"] as? String } == (0..<5).map { "n\($0)" })
        #expect(
            records.map { $0["size"] as? Int }
                == bodies.enumerated().map { index, body in
                    Self.message(key: "msg_size_\(index)", subject: "n\(index)", body: body).utf8.count
                }
        )
    }
}
