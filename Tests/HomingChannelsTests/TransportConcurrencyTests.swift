import HomingChannels
import HomingTestSupport
import Testing

/// Many concurrent sends share one multi handle: all complete, each gets its own answer, and the
/// per-host connection limit holds, so connections are reused rather than opened per request.
@Suite struct TransportConcurrencyTests {
    @Test func hundredConcurrentSendsReuseAFewConnections() async throws {
        // A short delay keeps requests overlapping, so the limit is actually reached.
        let server = try LoopbackHTTPServer { request in
            .respond(status: 200, body: Array(request.path.utf8), delay: .milliseconds(5))
        }
        defer { server.stop() }
        var configuration = TransportConfiguration()
        configuration.maxConnectionsPerHost = 4
        let transport = try Transport(configuration: configuration)
        defer { transport.shutdown() }

        let responses = try await withThrowingTaskGroup(of: (Int, HTTPResponse).self) { group in
            for index in 0..<100 {
                group.addTask {
                    let response = try await transport.send(
                        HTTPRequest(method: .post, url: "http://127.0.0.1:\(server.port)/m/\(index)", body: "\(index)")
                    )
                    return (index, response)
                }
            }
            return try await group.reduce(into: [Int: HTTPResponse]()) { $0[$1.0] = $1.1 }
        }

        #expect(responses.count == 100)
        #expect(responses.allSatisfy { $0.value.bodyText == "/m/\($0.key)" })
        // Only the transfers that opened a connection did not reuse one.
        let opened = responses.values.filter { !$0.connection.reused }
        #expect(opened.count == server.acceptedConnections)
        #expect(Set(responses.values.map(\.connection.localPort)).count == server.acceptedConnections)
        #expect(server.requests.count == 100)
        #expect(server.acceptedConnections <= 4)
        #expect(server.acceptedConnections >= 1)
        let received = server.requests.map { Int($0.bodyText) }
        #expect(Set(received) == Set(0..<100))
    }
}
