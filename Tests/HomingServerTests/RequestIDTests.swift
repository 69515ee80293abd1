import HomingServer
import Logging
import Testing

/// Request ids: a sane incoming `X-Request-Id` is kept, anything else replaced; every answer
/// carries one; one access line per request names it, with unsubscribe tokens elided.
@Suite struct RequestIDTests {
    @Test func aSaneIncomingIdIsEchoedAndOthersAreReplaced() async throws {
        let server = try await ServerFixture.start()
        defer { server.stop() }
        let kept = try await server.get("/healthz", headers: ["X-Request-Id": "lb-7f3a.9c:01"])
        #expect(kept.headers["X-Request-Id"] == "lb-7f3a.9c:01")

        let generated = try #require(try await server.get("/healthz").headers["X-Request-Id"])
        let another = try #require(try await server.get("/healthz").headers["X-Request-Id"])
        #expect(!generated.isEmpty && generated != another)

        for insane in ["two words", String(repeating: "a", count: 129), "ana@example.com", "<script>", "ïd"] {
            let answer = try await server.get("/healthz", headers: ["X-Request-Id": insane])
            #expect(answer.status == 200, "\(insane)")
            let replaced = try #require(answer.headers["X-Request-Id"], "\(insane)")
            #expect(replaced != insane && !replaced.isEmpty)
        }
    }

    @Test func errorsCarryTheIdToo() async throws {
        let server = try await ServerFixture.start()
        defer { server.stop() }
        let missing = try await server.get("/nowhere", headers: ["X-Request-Id": "req-404"])
        #expect(missing.status == 404)
        #expect(missing.headers["X-Request-Id"] == "req-404")
        let badToken = try await server.get("/u/not-a-token", headers: ["X-Request-Id": "req-400"])
        #expect(badToken.status == 400)
        #expect(badToken.headers["X-Request-Id"] == "req-400")
        let forged = try await server.postShopify(ShopifyOrderWebhookTests.order(), hmac: "bm90IGl0")
        #expect(forged.status == 401)
        #expect(forged.headers["X-Request-Id"]?.isEmpty == false)
    }

    @Test func oneAccessLinePerRequestWithTheIdAndTheTokenElided() async throws {
        let lines = LogLines()
        var logger = Logger(label: "test") { _ in lines.handler }
        logger.logLevel = .debug
        let server = try await ServerFixture.start(logger: logger)
        defer { server.stop() }
        _ = try await server.get("/u/c2VjcmV0LXRva2Vu.sig?utm=x", headers: ["X-Request-Id": "req-unsub"])
        _ = try await server.get("/metrics", headers: ["X-Request-Id": "req-metrics"])

        let access = lines.all.filter { $0.message == "request" }
        #expect(access.count == 2, "\(lines.all)")
        let unsubscribe = try #require(access.first { $0.metadata["hb.request.id"] == "req-unsub" })
        #expect(unsubscribe.level == .info)
        #expect(unsubscribe.metadata["method"] == "GET")
        #expect(unsubscribe.metadata["path"] == "/u/{token}")
        #expect(unsubscribe.metadata["status"] == "400")
        #expect(unsubscribe.metadata["duration_ms"].flatMap(Double.init) != nil)
        #expect(!"\(lines.all)".contains("c2VjcmV0LXRva2Vu"), "the token never reaches the log")
        // A successful scrape is routine: logged, but below info.
        let metrics = try #require(access.first { $0.metadata["hb.request.id"] == "req-metrics" })
        #expect(metrics.level == .debug)
        #expect(metrics.metadata["path"] == "/metrics")
        #expect(metrics.metadata["status"] == "200")
    }
}
