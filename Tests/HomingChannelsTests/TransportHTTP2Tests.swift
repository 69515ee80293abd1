import HomingChannels
import HomingTestSupport
import Testing

/// Where the server offers HTTP/2 (ALPN), concurrent requests to it are multiplexed over one
/// connection: what APNs needs.
@Suite struct TransportHTTP2Tests {
    @Test func concurrentRequestsShareOneHTTP2Connection() async throws {
        let server = try TLSTestServer(.http2)
        defer { server.stop() }
        var configuration = TransportConfiguration()
        configuration.caFile = server.caFile
        let transport = try Transport(configuration: configuration)
        defer { transport.shutdown() }

        let url = "https://127.0.0.1:\(server.port)/echo"
        let responses = try await withThrowingTaskGroup(of: HTTPResponse.self) { group in
            for index in 0..<20 {
                group.addTask {
                    try await transport.send(HTTPRequest(method: .post, url: url, body: "message \(index)"))
                }
            }
            return try await group.reduce(into: [HTTPResponse]()) { $0.append($1) }
        }

        #expect(responses.count == 20)
        #expect(responses.allSatisfy { $0.version == .http2 })
        #expect(Set(responses.map(\.bodyText)) == Set((0..<20).map { "message \($0)" }))
        #expect(Set(responses.map(\.connection.localPort)).count == 1)
        #expect(responses.filter { !$0.connection.reused }.count == 1)
    }
}
