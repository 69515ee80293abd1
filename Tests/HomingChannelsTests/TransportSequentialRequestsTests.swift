import HomingChannels
import HomingTestSupport
import Testing

/// Requests that follow each other on one kept-alive connection carry nothing of the one before:
/// no method, header or body leaks forward. Guards any reuse of libcurl state between requests.
@Suite struct TransportSequentialRequestsTests {
    @Test func aGetAfterAPostCarriesNeitherItsBodyNorItsHeaders() async throws {
        let server = try LoopbackHTTPServer()
        defer { server.stop() }
        let transport = try Transport()
        defer { transport.shutdown() }
        let base = "http://127.0.0.1:\(server.port)"

        _ = try await transport.send(
            HTTPRequest(
                method: .post,
                url: "\(base)/first",
                headers: ["Content-Type": "application/json", "X-First": "1", "User-Agent": "first-agent"],
                body: #"{"a":1}"#
            )
        )
        _ = try await transport.send(HTTPRequest(method: .delete, url: "\(base)/second", body: "gone"))
        let last = try await transport.send(HTTPRequest(url: "\(base)/third"))

        let received = server.requests
        try #require(received.count == 3)
        #expect(last.connection.reused)
        #expect(Set(received.map(\.connection)).count == 1)
        #expect(received[1].method == "DELETE")
        #expect(received[1].bodyText == "gone")
        #expect(received[1].header("x-first") == nil)
        #expect(received[1].header("content-type") == nil)
        let get = received[2]
        #expect(get.method == "GET")
        #expect(get.path == "/third")
        #expect(get.body.isEmpty)
        #expect(get.header("content-length") == nil)
        #expect(get.header("content-type") == nil)
        #expect(get.header("x-first") == nil)
        #expect(get.header("user-agent") == "homing")
    }
}
