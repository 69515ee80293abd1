import HomingChannels
import HomingTestSupport
import Testing

/// The lines the transport adds on its own (`User-Agent`, and the removal of libcurl's `Expect` and
/// `Content-Type`) are one shared list behind each request's own lines: requests in flight together
/// with different headers must each arrive with exactly their own set.
@Suite struct TransportDefaultHeadersTests {
    @Test func concurrentRequestsKeepTheirOwnHeadersAndGetTheDefaultsTheyLack() async throws {
        let server = try LoopbackHTTPServer()
        defer { server.stop() }
        var configuration = TransportConfiguration()
        configuration.userAgent = "homing-test/1"
        let transport = try Transport(configuration: configuration)
        defer { transport.shutdown() }
        let url = "http://127.0.0.1:\(server.port)"
        let variants: [HTTPHeaders] = [
            [:],
            ["User-Agent": "caller-agent", "X-Kind": "agent"],
            ["Content-Type": "application/json", "X-Kind": "json"],
            ["X-Empty": "", "X-Kind": "empty"],
        ]

        try await withThrowingTaskGroup(of: Void.self) { group in
            for round in 0..<25 {
                for (index, headers) in variants.enumerated() {
                    group.addTask {
                        let path = "/\(index)/\(round)"
                        let response = try await transport.send(
                            HTTPRequest(method: .post, url: url + path, headers: headers, body: "x")
                        )
                        #expect(response.status == 200)
                    }
                }
            }
            try await group.waitForAll()
        }

        #expect(server.requests.count == 100)
        for request in server.requests {
            let index = Int(request.path.split(separator: "/")[0])!
            #expect(request.header("expect") == nil)
            switch index {
            case 0:
                #expect(request.header("user-agent") == "homing-test/1")
                #expect(request.header("content-type") == nil)
                #expect(request.header("x-kind") == nil)
            case 1:
                #expect(request.header("user-agent") == "caller-agent")
                #expect(request.header("x-kind") == "agent")
            case 2:
                #expect(request.header("content-type") == "application/json")
                #expect(request.header("user-agent") == "homing-test/1")
            default:
                #expect(request.header("x-empty") == "")
                #expect(request.header("x-kind") == "empty")
                #expect(request.header("content-type") == nil)
            }
        }
    }
}
