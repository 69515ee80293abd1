import HomingTestSupport
import Testing

@testable import HomingChannels

/// Each easy handle hands libcurl its URL pre-parsed and parses again only when the next request's
/// URL differs: a recycled handle must still send every request to its own target, and a URL that
/// does not parse must fail that request alone.
@Suite struct TransportParsedURLTests {
    @Test func alternatingURLsOnOneRecycledHandleEachReachTheirOwnTarget() async throws {
        let server = try LoopbackHTTPServer()
        defer { server.stop() }
        let transport = try Transport()
        defer { transport.shutdown() }
        let base = "http://127.0.0.1:\(server.port)"
        let targets = ["/a?x=1", "/a?x=1", "/b/c?y=2&z=%20", "/a?x=1", "/b/c", "/b/c", "/a?x=2"]

        for target in targets {
            let response = try await transport.send(HTTPRequest(url: base + target))
            #expect(response.status == 200)
        }

        #expect(transport.httpHandles.handlesMade == 1, "every request ran on the first, recycled handle")
        #expect(server.requests.map(\.path) == targets)
        #expect(server.requests.allSatisfy { $0.header("host") == "127.0.0.1:\(server.port)" })
    }

    @Test func theSamePathOnAnotherPortGoesToThatServer() async throws {
        let first = try LoopbackHTTPServer { _ in .respond(status: 201) }
        defer { first.stop() }
        let second = try LoopbackHTTPServer { _ in .respond(status: 202) }
        defer { second.stop() }
        let transport = try Transport()
        defer { transport.shutdown() }

        let statuses = try await [first.port, second.port, first.port].asyncMap { port in
            try await transport.send(HTTPRequest(url: "http://127.0.0.1:\(port)/same")).status
        }

        #expect(statuses == [201, 202, 201])
        #expect(first.requests.count == 2)
        #expect(second.requests.count == 1)
    }

    @Test func aURLThatDoesNotParseFailsBeforeSendingAndTheNextRequestWorks() async throws {
        let server = try LoopbackHTTPServer()
        defer { server.stop() }
        let transport = try Transport()
        defer { transport.shutdown() }
        let good = "http://127.0.0.1:\(server.port)/good"

        _ = try await transport.send(HTTPRequest(url: good))
        let error = await #expect(throws: TransportError.self) {
            _ = try await transport.send(HTTPRequest(url: "http://[::1/broken"))
        }
        let after = try await transport.send(HTTPRequest(url: good))

        #expect(error?.kind == .other)
        #expect(error?.url == "http://[::1/broken")
        #expect(error?.message.contains("URL") == true)
        #expect(after.status == 200)
        #expect(server.requests.map(\.path) == ["/good", "/good"])
    }
}

extension Array {
    /// Maps one element after the other, awaiting each: the order of the requests is the test.
    fileprivate func asyncMap<Mapped>(_ transform: (Element) async throws -> Mapped) async rethrows -> [Mapped] {
        var mapped: [Mapped] = []
        for element in self { mapped.append(try await transform(element)) }
        return mapped
    }
}
