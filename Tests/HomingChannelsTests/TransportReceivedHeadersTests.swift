import HomingTestSupport
import Testing

@testable import HomingChannels

/// Response header lines are collected in storage that stays with the easy handle between
/// transfers: each response must still carry its own headers, whole, whatever size came before.
@Suite struct TransportReceivedHeadersTests {
    @Test func largeThenSmallHeaderBlocksOnOneRecycledHandleStayEachResponsesOwn() async throws {
        let server = try LoopbackHTTPServer { request in
            guard request.path == "/large" else { return .respond(status: 200, headers: [.init("X-Small", "1")]) }
            // 40 fields of 600 bytes: past the initial storage and past what it keeps between transfers.
            let fields = (0..<40).map { LoopbackHTTPServer.Header("X-Large-\($0)", String(repeating: "v", count: 600)) }
            return .respond(status: 200, headers: fields)
        }
        defer { server.stop() }
        let transport = try Transport()
        defer { transport.shutdown() }
        let base = "http://127.0.0.1:\(server.port)"

        let small = try await transport.send(HTTPRequest(url: "\(base)/small"))
        let large = try await transport.send(HTTPRequest(url: "\(base)/large"))
        let smallAgain = try await transport.send(HTTPRequest(url: "\(base)/small"))

        #expect(transport.httpHandles.handlesMade == 1, "all three ran on one recycled handle")
        #expect(small.headers["X-Small"] == "1")
        #expect(small.headers["X-Large-0"] == nil)
        #expect((0..<40).allSatisfy { large.headers["X-Large-\($0)"] == String(repeating: "v", count: 600) })
        #expect(large.headers["X-Small"] == nil)
        #expect(smallAgain.headers["X-Small"] == "1")
        #expect(smallAgain.headers["X-Large-39"] == nil, "nothing of the large block is left over")
        #expect(smallAgain.headers.fields.count == small.headers.fields.count)
    }
}
