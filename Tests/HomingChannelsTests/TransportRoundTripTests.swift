import HomingChannels
import HomingTestSupport
import Testing

/// Requests leave libcurl exactly as built (method, target, headers, body) and responses come back whole,
/// checked against what a real server on loopback received and sent.
@Suite struct TransportRoundTripTests {
    @Test func getArrivesWithMethodPathAndHeaders() async throws {
        let server = try LoopbackHTTPServer()
        defer { server.stop() }
        let transport = try Transport()
        defer { transport.shutdown() }

        let response = try await transport.send(
            HTTPRequest(
                url: "http://127.0.0.1:\(server.port)/v1/ping?x=1&y=%C3%A9",
                headers: ["X-Trace": "abc", "Accept": "application/json"]
            )
        )

        #expect(response.status == 200)
        let received = try #require(server.requests.first)
        #expect(received.method == "GET")
        #expect(received.path == "/v1/ping?x=1&y=%C3%A9")
        #expect(received.header("x-trace") == "abc")
        #expect(received.header("accept") == "application/json")
        #expect(received.header("user-agent") == "homing")
        #expect(received.header("content-type") == nil)
        #expect(received.body.isEmpty)
    }

    @Test func postSendsTheBodyBytesAndOnlyTheCallersContentType() async throws {
        let server = try LoopbackHTTPServer()
        defer { server.stop() }
        let transport = try Transport()
        defer { transport.shutdown() }
        // Over 1 KiB, where libcurl would otherwise add "Expect: 100-continue" and wait for the server.
        let body = #"{"to":"+33612345678","text":"Bonjour, 你好 "# + String(repeating: "x", count: 5000) + #""}"#

        let response = try await transport.send(
            HTTPRequest(
                method: .post,
                url: "http://127.0.0.1:\(server.port)/messages",
                headers: ["Content-Type": "application/json; charset=utf-8", "Idempotency-Key": "k-1"],
                body: body
            )
        )

        #expect(response.status == 200)
        let received = try #require(server.requests.first)
        #expect(received.method == "POST")
        #expect(received.path == "/messages")
        #expect(received.bodyText == body)
        #expect(received.header("content-length") == "\(body.utf8.count)")
        #expect(received.header("content-type") == "application/json; charset=utf-8")
        #expect(received.header("idempotency-key") == "k-1")
        #expect(received.header("expect") == nil)
    }

    @Test(arguments: [HTTPMethod.put, .patch, .delete])
    func otherMethodsCarryTheirBody(method: HTTPMethod) async throws {
        let server = try LoopbackHTTPServer()
        defer { server.stop() }
        let transport = try Transport()
        defer { transport.shutdown() }

        _ = try await transport.send(
            HTTPRequest(method: method, url: "http://127.0.0.1:\(server.port)/item/7", body: "payload")
        )

        let received = try #require(server.requests.first)
        #expect(received.method == method.rawValue)
        #expect(received.bodyText == "payload")
    }

    @Test func emptyPostSendsAZeroLengthBody() async throws {
        let server = try LoopbackHTTPServer()
        defer { server.stop() }
        let transport = try Transport()
        defer { transport.shutdown() }

        _ = try await transport.send(HTTPRequest(method: .post, url: "http://127.0.0.1:\(server.port)/empty"))

        let received = try #require(server.requests.first)
        #expect(received.method == "POST")
        #expect(received.header("content-length") == "0")
        #expect(received.body.isEmpty)
    }

    @Test func responseCarriesStatusHeadersBodyAndVersion() async throws {
        let server = try LoopbackHTTPServer { _ in
            .respond(
                status: 429,
                headers: [
                    .init("Retry-After", "120"), .init("Set-Cookie", "a=1"), .init("Set-Cookie", "b=2"),
                    .init("X-Empty", ""),
                ],
                body: Array(#"{"error":"slow down"}"#.utf8)
            )
        }
        defer { server.stop() }
        let transport = try Transport()
        defer { transport.shutdown() }

        let response = try await transport.send(HTTPRequest(url: "http://127.0.0.1:\(server.port)/limited"))

        #expect(response.status == 429)
        #expect(response.headers["retry-after"] == "120")
        #expect(response.headers["RETRY-AFTER"] == "120")
        #expect(response.headers.values(for: "set-cookie") == ["a=1", "b=2"])
        #expect(response.headers["x-empty"] == "")
        #expect(response.headers["content-length"] == "21")
        #expect(response.bodyText == #"{"error":"slow down"}"#)
        #expect(response.version == .http1_1)
        #expect(response.connection.localPort > 0)
        #expect(!response.connection.reused)
    }

    @Test func sequentialRequestsReuseTheKeptAliveConnection() async throws {
        let server = try LoopbackHTTPServer()
        defer { server.stop() }
        let transport = try Transport()
        defer { transport.shutdown() }

        var responses: [HTTPResponse] = []
        for index in 0..<5 {
            responses.append(try await transport.send(HTTPRequest(url: "http://127.0.0.1:\(server.port)/\(index)")))
        }

        #expect(server.acceptedConnections == 1)
        #expect(Set(server.requests.map(\.connection)) == [1])
        #expect(responses.map(\.connection.reused) == [false, true, true, true, true])
        #expect(Set(responses.map(\.connection.localPort)).count == 1)
    }
}
