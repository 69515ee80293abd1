import HomingTestSupport
import Testing

@testable import HomingChannels

/// Requests one after the other run on one recycled easy handle, which keeps the options the last
/// request set: each request must still go out on the wire exactly as asked, whatever came before.
@Suite struct TransportHandleReuseTests {
    @Test func headThenGetThenPostThenOtherMethodsEachGoOutAsAsked() async throws {
        let server = try LoopbackHTTPServer { request in
            .respond(status: 200, headers: [.init("X-Path", request.path)], body: Array("body of \(request.path)".utf8))
        }
        defer { server.stop() }
        let transport = try Transport()
        defer { transport.shutdown() }
        let base = "http://127.0.0.1:\(server.port)"

        let head = try await transport.send(HTTPRequest(method: .head, url: "\(base)/head"))
        let get = try await transport.send(HTTPRequest(url: "\(base)/get", headers: ["X-Only": "get"]))
        let post = try await transport.send(HTTPRequest(method: .post, url: "\(base)/post", body: "a=1"))
        _ = try await transport.send(HTTPRequest(method: .put, url: "\(base)/put", body: "put body"))
        _ = try await transport.send(HTTPRequest(method: .delete, url: "\(base)/delete"))
        _ = try await transport.send(HTTPRequest(method: .post, url: "\(base)/empty-post"))
        _ = try await transport.send(HTTPRequest(method: .head, url: "\(base)/head-again"))
        let last = try await transport.send(HTTPRequest(url: "\(base)/get-again"))

        #expect(transport.httpHandles.handlesMade == 1, "every request ran on the first, recycled handle")
        let received = server.requests
        try #require(received.count == 8)
        #expect(received.map(\.method) == ["HEAD", "GET", "POST", "PUT", "DELETE", "POST", "HEAD", "GET"])
        #expect(
            received.map(\.path) == [
                "/head", "/get", "/post", "/put", "/delete", "/empty-post", "/head-again", "/get-again",
            ]
        )
        #expect(received.map(\.bodyText) == ["", "", "a=1", "put body", "", "", "", ""])
        #expect(received.map { $0.header("content-length") } == [nil, nil, "3", "8", nil, "0", nil, nil])
        #expect(received.map { $0.header("x-only") } == [nil, "get", nil, nil, nil, nil, nil, nil])
        #expect(head.body.isEmpty, "a HEAD reads no body")
        #expect(head.headers["X-Path"] == "/head")
        #expect(get.bodyText == "body of /get")
        #expect(post.bodyText == "body of /post")
        #expect(post.headers["X-Path"] == "/post", "the headers are the last response's only")
        #expect(last.bodyText == "body of /get-again")
        #expect(last.connection.reused)
    }

    @Test func aShortTimeoutIsNotInheritedByTheNextRequest() async throws {
        let server = try LoopbackHTTPServer { request in
            .respond(status: 200, delay: request.path == "/slow" ? .milliseconds(600) : .zero)
        }
        defer { server.stop() }
        let transport = try Transport()
        defer { transport.shutdown() }
        let base = "http://127.0.0.1:\(server.port)"

        let quick = try await transport.send(HTTPRequest(url: "\(base)/quick", timeout: .milliseconds(300)))
        let slow = try await transport.send(HTTPRequest(url: "\(base)/slow"))

        #expect(quick.status == 200)
        #expect(slow.status == 200, "the default 30 s applies again, not the 300 ms before")
        #expect(transport.httpHandles.handlesMade == 1)
    }

    @Test func aFailedTransfersHandleIsNotRecycledAndItsErrorDoesNotLinger() async throws {
        let server = try LoopbackHTTPServer()
        defer { server.stop() }
        let transport = try Transport()
        defer { transport.shutdown() }
        let unused = try LoopbackPort.unused()

        await #expect(throws: TransportError.self) {
            _ = try await transport.send(HTTPRequest(url: "http://127.0.0.1:\(unused)/refused"))
        }
        let first = try await transport.send(HTTPRequest(url: "http://127.0.0.1:\(server.port)/a"))
        let second = try await transport.send(HTTPRequest(url: "http://127.0.0.1:\(server.port)/b"))

        #expect(first.status == 200)
        #expect(second.status == 200)
        #expect(transport.httpHandles.handlesMade == 2, "one for the refused request, one recycled for the rest")
    }

    @Test func smtpCredentialsAreNotInheritedByAMessageWithout() async throws {
        // The server refuses mail from a session that did not authenticate.
        let server = try SMTPTestServer(auth: ["PLAIN"], username: "shop", password: "s3cret pass")
        defer { server.stop() }
        let transport = try Transport()
        defer { transport.shutdown() }
        var anonymous = SMTPTransportTests.request(port: server.port, to: ["bob@example.com"])
        anonymous.username = nil
        anonymous.password = nil

        let signedIn = try await transport.send(smtp: SMTPTransportTests.request(port: server.port))
        let withoutAuth = try await transport.send(smtp: anonymous)
        let handlesForBoth = transport.smtpHandles.handlesMade
        let signedInAgain = try await transport.send(smtp: SMTPTransportTests.request(port: server.port))

        #expect(handlesForBoth == 1, "the message without credentials ran on the recycled handle")
        #expect(signedIn.isAccepted)
        #expect(withoutAuth.code == 530, "no AUTH was sent: the credentials before were cleared")
        #expect(signedInAgain.isAccepted)
        let messages = try server.messages()
        try #require(messages.count == 2)
        #expect(messages.allSatisfy { $0.auth?.username == "shop" && $0.to == ["ada@example.com"] })
    }
}
