import HomingTestSupport
import Testing

@testable import HomingChannels

/// The transfer loop watches sockets in its own epoll set and sleeps when idle (see
/// `SocketEvents`): sockets that close and whose descriptor numbers come back must be watched
/// again, idle connections kept in the set must be dropped when the server closes them, and work
/// submitted while the loop sleeps must wake it.
@Suite struct TransportSocketEventsTests {
    @Test func connectionsClosedAfterEveryRequestAreReplacedEachTime() async throws {
        let server = try LoopbackHTTPServer()
        defer { server.stop() }
        let transport = try Transport()
        defer { transport.shutdown() }

        // Each closed connection frees its descriptor number for the next one, which the loop
        // must add to its epoll set again rather than assume is still there.
        for index in 0..<20 {
            let response = try await transport.send(
                HTTPRequest(url: "http://127.0.0.1:\(server.port)/\(index)", headers: ["Connection": "close"])
            )
            #expect(response.status == 200)
            #expect(!response.connection.reused)
        }
        #expect(server.requests.map(\.path) == (0..<20).map { "/\($0)" })
        #expect(server.acceptedConnections == 20)
    }

    @Test func burstsAfterIdlePausesAllComplete() async throws {
        let server = try LoopbackHTTPServer()
        defer { server.stop() }
        var configuration = TransportConfiguration()
        configuration.maxConnectionsPerHost = 4
        let transport = try Transport(configuration: configuration)
        defer { transport.shutdown() }

        var statuses: [Int] = []
        for round in 0..<3 {
            // Let the loop run out of work and go to sleep, so the burst has to wake it.
            try await Task.sleep(for: .milliseconds(50))
            statuses += try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<40 {
                    group.addTask {
                        let url = "http://127.0.0.1:\(server.port)/\(round)/\(index)"
                        return try await transport.send(HTTPRequest(method: .post, url: url, body: "x")).status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
        }
        #expect(statuses == Array(repeating: 200, count: 120))
        #expect(server.requests.count == 120)
        #expect(server.acceptedConnections <= 4)
    }

    @Test func idleConnectionsTheServerClosesAreReplaced() async throws {
        let server = try LoopbackHTTPServer()
        defer { server.stop() }
        var configuration = TransportConfiguration()
        configuration.maxConnectionsPerHost = 2
        let transport = try Transport(configuration: configuration)
        defer { transport.shutdown() }
        let url = "http://127.0.0.1:\(server.port)/"

        // An idle connection's socket stays in the loop's epoll set; when the server closes it, the
        // loop must drop it and the next request must get a new connection, whose descriptor may
        // well have the old number.
        for round in 0..<5 {
            let first = try await transport.send(HTTPRequest(url: url + "\(round)/a"))
            let second = try await transport.send(HTTPRequest(url: url + "\(round)/b"))
            #expect(first.status == 200 && !first.connection.reused)
            #expect(second.status == 200 && second.connection.reused)
            server.closeConnections()
            // Let the closing reach the client while its connection is idle.
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(server.requests.count == 10)
        #expect(server.acceptedConnections == 5)
        // A closed idle socket left in the set would report ready on every wait: the loop would spin.
        let before = transport.socketEvents.wakeUps.load(ordering: .relaxed)
        try await Task.sleep(for: .milliseconds(100))
        #expect(transport.socketEvents.wakeUps.load(ordering: .relaxed) - before < 10)
    }
}
