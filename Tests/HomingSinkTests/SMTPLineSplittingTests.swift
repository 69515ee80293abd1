import Foundation
import HomingSink
import Testing

/// How the sink's SMTP server cuts the byte stream into lines and commands: lines split across
/// reads, bare LF, lower-case verbs and lenient paths, the line-length limit, and the recorded
/// timestamp's exact shape.
@Suite struct SMTPLineSplittingTests {
    func client(_ fixture: SinkFixture) throws -> SMTPTestClient {
        let client = try SMTPTestClient(port: fixture.sink.smtpPort)
        #expect(try client.reply().code == 220)
        return client
    }

    @Test func commandsAndDataSplitAcrossWritesStillParse() async throws {
        let fixture = try await SinkFixture()
        let client = try client(fixture)
        _ = try client.command("EHLO client.test")
        // Each piece is its own write, so the sink sees lines cut at arbitrary bytes.
        for piece in ["MA", "IL FROM:<shop@exam", "ple.com>\r", "\nRCPT TO:<ana@example.com>\r\n"] {
            try client.send(piece)
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(try client.reply().code == 250)
        #expect(try client.reply().code == 250)
        #expect(try client.command("DATA").code == 354)
        for piece in ["Subject: spl", "it\r\n\r\nbo", "dy\r\n.", "\r\n"] {
            try client.send(piece)
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(try client.reply().code == 250)
        let records = try await fixture.stopAndReadRecords()
        #expect(records.count == 1)
        #expect(records.first?["subject"] as? String == "split")
        #expect(records.first?["size"] as? Int == "Subject: split\r\n\r\nbody\r\n".utf8.count)
    }

    @Test func lowerCaseVerbsBareLineFeedsAndLenientPaths() async throws {
        let fixture = try await SinkFixture()
        let client = try client(fixture)
        try client.send("helo client.test\n")
        #expect(try client.reply().code == 250)
        #expect(try client.command("mail from: shop@example.com SMTPUTF8").code == 250)
        #expect(try client.command("Rcpt To:  <ana@example.com>").code == 250)
        #expect(try client.command("RCPT FROM:<ana@example.com>").code == 501)
        #expect(try client.command("RCPT TO:<ana@example.com").code == 501, "no closing bracket")
        #expect(try client.command("RCPT").code == 501)
        #expect(try client.command("RCPTX TO:<ana@example.com>").code == 500)
        #expect(try client.command("rset").code == 250)
        #expect(try client.command("noop").code == 250)
        #expect(try client.command("quit").code == 221)
        _ = try await fixture.stopAndReadRecords()
    }

    @Test func aLineOverTheLimitIs500AndCloses() async throws {
        let fixture = try await SinkFixture()
        let client = try client(fixture)
        _ = try client.command("EHLO client.test")
        try client.send(String(repeating: "x", count: 70 * 1024))
        let reply = try client.reply()
        #expect(reply.code == 500)
        #expect(reply.lines == ["500 5.5.6 Line too long"])
        #expect(client.isClosed())
        _ = try await fixture.stopAndReadRecords()
    }

    @Test func receivedAtIsUTCWithMilliseconds() async throws {
        let fixture = try await SinkFixture()
        let client = try client(fixture)
        _ = try client.command("EHLO client.test")
        let before = Date()
        try client.send("MAIL FROM:<shop@example.com>\r\nRCPT TO:<ana@example.com>\r\nDATA\r\n")
        #expect(try (0..<3).map { _ in try client.reply().code } == [250, 250, 354])
        #expect(try client.command("Subject: time\r\n\r\nx\r\n.").code == 250)
        let after = Date()
        let records = try await fixture.stopAndReadRecords()
        let stamp = try #require(records.first?["received_at"] as? String)
        #expect(stamp.wholeMatch(of: /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z/) != nil)
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let date = try #require(formatter.date(from: stamp))
        // The stamp keeps whole milliseconds, so it may fall just before `before`.
        #expect(date >= before.addingTimeInterval(-0.001) && date <= after)
    }
}
