import HomingChannels
import HomingCore
import HomingTestSupport
import Testing

/// The APNs provider token over real loopback: one token for many sends, a new one after 50
/// minutes, and one renewal when APNs says the token has expired.
@Suite struct APNsProviderTokenTests {
    static func tokens(_ server: LoopbackHTTPServer) -> [String?] { server.requests.map { $0.header("authorization") } }

    static let expired = LoopbackHTTPServer.Reply.respond(
        status: 403,
        body: Array(#"{"reason":"ExpiredProviderToken"}"#.utf8)
    )

    @Test func concurrentSendsShareOneToken() async throws {
        let server = try LoopbackHTTPServer { _ in .ok }
        defer { server.stop() }
        let transport = try Transport()
        defer { transport.shutdown() }
        let adapter = try APNsAdapterTests.adapter(port: server.port, transport: transport)

        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<10 { group.addTask { _ = await adapter.deliver(APNsAdapterTests.message) } }
        }

        // ES256 signatures are randomized: two signings would show as two different headers.
        #expect(server.requests.count == 10)
        #expect(Set(Self.tokens(server)).count == 1)
    }

    @Test func tokenIsRenewedAfterFiftyMinutes() async throws {
        let server = try LoopbackHTTPServer { _ in .ok }
        defer { server.stop() }
        let transport = try Transport()
        defer { transport.shutdown() }
        let clock = TestClock()
        let adapter = try APNsAdapterTests.adapter(port: server.port, transport: transport, clock: clock)

        _ = await adapter.deliver(APNsAdapterTests.message)
        clock.advance(seconds: 49 * 60 + 59)
        _ = await adapter.deliver(APNsAdapterTests.message)
        clock.advance(seconds: 1)
        _ = await adapter.deliver(APNsAdapterTests.message)

        let tokens = Self.tokens(server)
        #expect(tokens.count == 3)
        #expect(tokens[0] == tokens[1])
        #expect(tokens[1] != tokens[2])
        let renewed = try DecodedJSONWebToken(String(try #require(tokens[2]).dropFirst("bearer ".count)))
        #expect(renewed.claims["iat"] as? Int == Int(clock.seconds))
    }

    @Test func expiredProviderTokenIsRenewedAndTheSendTriedOnceMore() async throws {
        let count = Counter()
        let server = try LoopbackHTTPServer { _ in count.next() == 1 ? Self.expired : APNsAdapterTests.accepted }
        defer { server.stop() }
        let transport = try Transport()
        defer { transport.shutdown() }
        let adapter = try APNsAdapterTests.adapter(port: server.port, transport: transport)

        let outcome = await adapter.deliver(APNsAdapterTests.message)
        _ = await adapter.deliver(APNsAdapterTests.message)

        #expect(outcome == .delivered(providerMessageID: "EC1BF194-B3B2-424A-89A9-5A918A6E4B4C"))
        let tokens = Self.tokens(server)
        #expect(tokens.count == 3)
        #expect(tokens[0] != tokens[1])
        #expect(tokens[1] == tokens[2], "the renewed token is kept for later sends")
    }

    @Test func expiredAgainAfterRenewalIsPermanent() async throws {
        let server = try LoopbackHTTPServer { _ in Self.expired }
        defer { server.stop() }
        let transport = try Transport()
        defer { transport.shutdown() }

        let outcome = try await APNsAdapterTests.adapter(port: server.port, transport: transport)
            .deliver(APNsAdapterTests.message)

        #expect(outcome == .permanentFailure(reason: "APNs 403 ExpiredProviderToken"))
        #expect(server.requests.count == 2)
    }
}
