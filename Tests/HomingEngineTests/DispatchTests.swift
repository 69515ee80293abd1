import Foundation
import HomingChannels
import HomingCore
import HomingEngine
import HomingStore
import HomingTestSupport
import Synchronization
import Testing

@Suite struct DispatchTests {
    static let miss = """
        id: miss
        entry: manual
        steps:
          - send: win-back-miss-you
            channels: [email]
        """

    @Test func aPlannedEmailIsRenderedSentWithItsKeyAndRecorded() async throws {
        let shop = try EngineFixture(customers: ["c1,ann@example.com,,,Ann,Lee,fr,Europe/Paris,FR,,true,false,false"])
        let journey = try shop.journey(Self.miss)
        try shop.launch(journey)
        let (server, transport) = try provider()
        let dispatcher = try shop.dispatcher(
            [journey],
            adapters: [.email: try sendGrid(server, transport, clock: shop.clock)]
        )
        let totals = try await dispatcher.run(untilIdle: true)
        #expect(totals.sent == 1)
        let row = try #require(try shop.outbox().first)
        #expect(row.state == .sent)
        let request = try #require(server.requests.first)
        let body = try #require(try JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any])
        let personalization = try #require((body["personalizations"] as? [[String: Any]])?.first)
        #expect((personalization["custom_args"] as? [String: String])?["homing_key"] == row.key)
        #expect(request.bodyText.contains("ann@example.com"))
        // French copy for a French customer.
        #expect((body["subject"] as? String)?.contains("Ann") == true)
    }

    @Test func aPausedJourneyKeepsItsMessagesUntilResumed() async throws {
        let shop = try EngineFixture(customers: ["c1,ann@example.com,,,,,en,,,,true,false,false"])
        let journey = try shop.journey(Self.miss)
        try shop.launch(journey)
        let (server, transport) = try provider()
        let dispatcher = try shop.dispatcher(
            [journey],
            adapters: [.email: try sendGrid(server, transport, clock: shop.clock)]
        )
        #expect(try shop.store.setPaused(true, journey: "miss"))
        _ = try await dispatcher.run(untilIdle: true)
        #expect(server.requests.isEmpty)
        #expect(try shop.outbox().first?.state == .scheduled)
        #expect(try shop.store.setPaused(false, journey: "miss"))
        _ = try await dispatcher.run(untilIdle: true)
        #expect(server.requests.count == 1)
        #expect(try shop.outbox().first?.state == .sent)
    }

    @Test func retryAfterIsRespectedToTheSecond() async throws {
        let shop = try EngineFixture(customers: ["c1,ann@example.com,,,,,en,,,,true,false,false"])
        let journey = try shop.journey(Self.miss)
        try shop.launch(journey)
        let calls = Mutex(0)
        let (server, transport) = try provider { _ in
            calls.withLock { $0 += 1 }
            return calls.withLock { $0 } == 1
                ? .respond(status: 429, headers: [.init("Retry-After", "120")]) : .respond(status: 202)
        }
        let dispatcher = try shop.dispatcher(
            [journey],
            adapters: [.email: try sendGrid(server, transport, clock: shop.clock)]
        )
        let start = shop.clock.now
        _ = try await dispatcher.run(untilIdle: true)
        let retry = try #require(try shop.outbox().first)
        #expect(retry.state == .retry)
        #expect(retry.dueAt >= start.adding(seconds: 120))
        shop.clock.advance(seconds: 119)
        _ = try await dispatcher.run(untilIdle: true)
        #expect(server.requests.count == 1)
        shop.clock.advance(seconds: 2)
        _ = try await dispatcher.run(untilIdle: true)
        #expect(server.requests.count == 2)
        #expect(try shop.outbox().first?.state == .sent)
    }

    @Test func deadLettersAfterTheLastAttemptAndRetryDeadRequeuesThem() async throws {
        let shop = try EngineFixture(customers: ["c1,ann@example.com,,,,,en,,,,true,false,false"])
        let journey = try shop.journey(Self.miss)
        try shop.launch(journey)
        let healthy = Atomic<Bool>(false)
        let (server, transport) = try provider { _ in
            healthy.load(ordering: .relaxed) ? .respond(status: 202) : .respond(status: 503)
        }
        var rules = DeliveryRules()
        rules.backoff[.email] = RetryBackoff(baseSeconds: 1, capSeconds: 1, maxAttempts: 3)
        let dispatcher = try shop.dispatcher(
            [journey],
            adapters: [.email: try sendGrid(server, transport, clock: shop.clock)],
            rules: rules
        )
        for _ in 0..<3 {
            _ = try await dispatcher.run(untilIdle: true)
            shop.clock.advance(seconds: 2)
        }
        let dead = try #require(try shop.outbox().first)
        #expect(dead.state == .dead)
        #expect(dead.attempts == 3)
        #expect(dead.reason?.contains("503") == true)
        #expect(server.requests.count == 3)
        healthy.store(true, ordering: .relaxed)
        #expect(try shop.store.requeueDead(journey: "miss", now: shop.clock.now) == 1)
        _ = try await dispatcher.run(untilIdle: true)
        #expect(try shop.outbox().first?.state == .sent)
    }

    @Test func anInvalidRecipientIsSuppressedAndNeverSentAgain() async throws {
        let shop = try EngineFixture(customers: ["c1,ann@example.com,+33612345678,,,,en,,,,false,true,false"])
        let text = """
            id: last
            entry: manual
            steps:
              - send: welcome
                channels: [sms]
            """
        let first = try shop.journey(text)
        let second = try shop.journey(text.replacingOccurrences(of: "id: last", with: "id: again"))
        try shop.launch(first)
        let (server, transport) = try provider { _ in
            .respond(
                status: 400,
                body: Array(#"{"code":21211,"message":"not a valid phone number","status":400}"#.utf8)
            )
        }
        let twilio = try twilio(server, transport, clock: shop.clock)
        var rules = DeliveryRules()
        rules.quietHours = [:]
        let dispatcher = try shop.dispatcher([first, second], adapters: [.sms: twilio], rules: rules)
        _ = try await dispatcher.run(untilIdle: true)
        #expect(try shop.outbox().first?.state == .suppressed)
        #expect(try shop.store.isSuppressed(channel: "sms", address: "+33612345678"))
        try shop.launch(second)
        _ = try await dispatcher.run(untilIdle: true)
        #expect(server.requests.count == 1)
        #expect(try shop.outbox().map(\.state) == [.suppressed, .suppressed])
    }
}
