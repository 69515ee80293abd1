import Foundation
import HomingChannels
import HomingCore
import HomingSink
import HomingTestSupport
import Synchronization
import Testing

/// SMTP runs on the transport's own SMTP threads: libcurl waits for the reply to the end of the
/// data in a blocking loop, and that wait must hold up neither HTTP nor the other SMTP threads.
@Suite struct SMTPThreadsTests {
    static func message(_ index: Int) -> OutgoingMessage {
        let mime =
            "From: shop@shop.example\r\nTo: c\(index)@example.com\r\nSubject: hi\r\n"
            + "X-Homing-Key: msg_threads_\(index)\r\n\r\nhello\r\n"
        return OutgoingMessage(
            recipient: "c\(index)@example.com",
            idempotencyKey: "msg_threads_\(index)",
            payload: .mime(Array(mime.utf8))
        )
    }

    static func adapter(port: Int, _ transport: Transport) throws -> SMTPAdapter {
        try SMTPAdapter(
            configuration: SMTPConfiguration(
                url: "smtp://127.0.0.1:\(port)",
                starttls: .off,
                envelopeFrom: "bounces@shop.example"
            ),
            transport: transport,
            environment: [:]
        )
    }

    /// The sink answers the end of the data after two seconds; an HTTP request sent on the same
    /// transport meanwhile completes first. Were SMTP on the HTTP thread, it would wait for that
    /// reply and finish second.
    @Test func aSlowMailServerDoesNotHoldUpHTTP() async throws {
        let fixture = try await SinkFixture(faults: SinkFaults(latency: .seconds(2)))
        let http = try LoopbackHTTPServer()
        defer { http.stop() }
        let smtp = try Self.adapter(port: fixture.sink.smtpPort, fixture.transport)
        let finished = Mutex<[String]>([])
        async let mail = smtp.deliver(Self.message(1))
        // Gives the SMTP transfer time to reach the wait for its reply; if it has not, the order
        // below still holds, so a slow machine cannot make this fail.
        try await Task.sleep(for: .milliseconds(500))
        let response = try await fixture.transport.send(
            HTTPRequest(method: .get, url: "http://127.0.0.1:\(http.port)/")
        )
        finished.withLock { $0.append("http") }
        let outcome = await mail
        finished.withLock { $0.append("smtp") }
        #expect(response.status == 200)
        guard case .delivered = outcome else {
            Issue.record("expected delivered, got \(outcome)")
            return
        }
        #expect(finished.withLock { $0 } == ["http", "smtp"])
        let records = try await fixture.stopAndReadRecords()
        #expect(records.map { $0["idempotency_key"] as? String } == ["msg_threads_1"])
    }

    /// Concurrent messages spread over the SMTP threads, each with its share of the connection
    /// limit: two threads and a limit of two make exactly two sessions, and both carry messages.
    @Test func messagesSpreadOverTheThreadsWithinTheConnectionLimit() async throws {
        let server = try SMTPTestServer()
        defer { server.stop() }
        var configuration = TransportConfiguration()
        configuration.smtpThreads = 2
        configuration.maxConnectionsPerHost = 2
        let transport = try Transport(configuration: configuration)
        defer { transport.shutdown() }
        let smtp = try Self.adapter(port: server.port, transport)
        let outcomes = await withTaskGroup(of: DeliveryOutcome.self) { group in
            for index in 0..<40 { group.addTask { await smtp.deliver(Self.message(index)) } }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(outcomes.allSatisfy { if case .delivered = $0 { true } else { false } }, "\(outcomes)")
        let messages = try server.messages()
        #expect(messages.count == 40)
        #expect(try server.connectionCount() == 2)
        #expect(Set(messages.map(\.session)) == [1, 2])
    }
}
