import HomingChannels
import HomingTestSupport
import Testing

/// The proxy variables are read once into the configuration and set on every transfer, so libcurl
/// no longer reads them per transfer; what they mean must not change. The environments here are
/// dictionaries, not the process's, so parallel tests do not see each other's settings.
@Suite struct TransportProxyTests {
    @Test func httpProxyVariableSendsTheRequestThroughTheProxy() async throws {
        let proxy = try LoopbackHTTPServer { _ in .respond(status: 202, body: Array("via proxy".utf8)) }
        defer { proxy.stop() }
        var configuration = TransportConfiguration()
        configuration.proxy = ProxyEnvironment(environment: ["http_proxy": "http://127.0.0.1:\(proxy.port)"])
        let transport = try Transport(configuration: configuration)
        defer { transport.shutdown() }

        // A host that does not resolve: only a proxy can answer for it.
        let response = try await transport.send(HTTPRequest(url: "http://shop.invalid/orders?page=2"))

        #expect(response.status == 202)
        #expect(response.bodyText == "via proxy")
        let received = try #require(proxy.requests.first)
        #expect(received.path == "http://shop.invalid/orders?page=2")
        #expect(received.header("host") == "shop.invalid")
    }

    @Test func noProxyListedHostGoesDirect() async throws {
        let proxy = try LoopbackHTTPServer { _ in .respond(status: 502) }
        defer { proxy.stop() }
        let server = try LoopbackHTTPServer { _ in .respond(status: 200, body: Array("direct".utf8)) }
        defer { server.stop() }
        var configuration = TransportConfiguration()
        configuration.proxy = ProxyEnvironment(environment: [
            "all_proxy": "http://127.0.0.1:\(proxy.port)", "NO_PROXY": "localhost,127.0.0.1",
        ])
        let transport = try Transport(configuration: configuration)
        defer { transport.shutdown() }

        let response = try await transport.send(HTTPRequest(url: "http://127.0.0.1:\(server.port)/hook"))

        #expect(response.bodyText == "direct")
        #expect(server.requests.count == 1)
        #expect(proxy.requests.isEmpty)
    }

    @Test func noneGoesDirectEvenForAHostOnlyAProxyCouldReach() async throws {
        var configuration = TransportConfiguration()
        configuration.proxy = .none
        let transport = try Transport(configuration: configuration)
        defer { transport.shutdown() }

        await #expect(throws: TransportError.self) {
            _ = try await transport.send(HTTPRequest(url: "http://shop.invalid/orders", timeout: .seconds(5)))
        }
    }

    @Test func variablesFollowLibcurlsPrecedence() {
        let environment = ProxyEnvironment(environment: [
            "HTTP_PROXY": "http://ignored:1",  // never upper case for http: a CGI request can set it
            "https_proxy": "http://secure:3128",
            "HTTPS_PROXY": "http://shadowed:1",
            "SMTP_PROXY": "socks5h://mail:1080",
            "ALL_PROXY": "http://fallback:8080",
            "no_proxy": "",
            "NO_PROXY": ".internal",
        ])

        #expect(environment.proxies["http"] == "http://fallback:8080")
        #expect(environment.proxies["https"] == "http://secure:3128")
        #expect(environment.proxies["smtp"] == "socks5h://mail:1080")
        #expect(environment.proxies["smtps"] == "http://fallback:8080")
        #expect(environment.noProxy == ".internal")
        #expect(ProxyEnvironment(environment: ["PATH": "/usr/bin"]) == .none)
    }
}
