import Foundation
import HomingChannels
import HomingCore
import HomingEngine
import HomingStore
import HomingTestSupport
import Testing

@Suite struct DeliveryGateTests {
    static func journey(_ id: String, message: String, channel: String, transactional: Bool = false) -> String {
        """
        id: \(id)
        entry: manual
        steps:
          - send: \(message)
            channels: [\(channel)]
            transactional: \(transactional)
        """
    }

    @Test func anSMSDueAtNightInNewYorkWaitsUntilEightLocal() async throws {
        let shop = try EngineFixture(customers: ["ny,,+12125550100,,,,en,America/New_York,US,,false,true,false"])
        // 2026-10-27T03:00Z is 23:00 on the 26th in New York (EDT, UTC−4).
        shop.clock.set(try Instant(iso8601OrDate: "2026-10-27T03:00:00Z"))
        let journey = try shop.journey(Self.journey("late", message: "welcome", channel: "sms"))
        try shop.launch(journey)
        let (server, transport) = try provider { _ in .respond(status: 201) }
        let twilio = try twilio(server, transport, clock: shop.clock)
        let dispatcher = try shop.dispatcher([journey], adapters: [.sms: twilio])
        _ = try await dispatcher.run(untilIdle: true)
        let row = try #require(try shop.outbox().first)
        #expect(row.state == .scheduled)
        #expect(row.dueAt == (try Instant(iso8601OrDate: "2026-10-27T12:00:00Z")))
        #expect(row.reason?.contains("quiet hours") == true)
        #expect(server.requests.isEmpty)
        shop.clock.set(row.dueAt)
        _ = try await dispatcher.run(untilIdle: true)
        #expect(server.requests.count == 1)
    }

    @Test func aSecondMarketingEmailWithinSixteenHoursWaitsButTransactionalGoesOut() async throws {
        let shop = try EngineFixture(customers: ["c1,ann@example.com,,,,,en,,,,true,false,false"])
        let first = try shop.journey(Self.journey("one", message: "win-back-miss-you", channel: "email"))
        let second = try shop.journey(Self.journey("two", message: "welcome", channel: "email"))
        let receipt = try shop.journey(
            Self.journey("receipt", message: "welcome", channel: "email", transactional: true)
        )
        let (server, transport) = try provider()
        let dispatcher = try shop.dispatcher(
            [first, second, receipt],
            adapters: [.email: try sendGrid(server, transport, clock: shop.clock)]
        )
        try shop.launch(first)
        _ = try await dispatcher.run(untilIdle: true)
        shop.clock.advance(seconds: 3600)
        try shop.launch(second)
        try shop.launch(receipt)
        _ = try await dispatcher.run(untilIdle: true)
        let rows = Dictionary(uniqueKeysWithValues: try shop.outbox().map { ($0.journey, $0) })
        #expect(rows["one"]?.state == .sent)
        #expect(rows["receipt"]?.state == .sent)
        let capped = try #require(rows["two"])
        #expect(capped.state == .scheduled)
        #expect(capped.reason?.contains("cap") == true)
        #expect(server.requests.count == 2)
    }

    @Test func withoutConsentNothingIsSentAndTheReasonIsRecorded() async throws {
        let shop = try EngineFixture(customers: ["c1,ann@example.com,+33612345678,,,,en,,,,true,false,false"])
        let journey = try shop.journey(Self.journey("sms", message: "welcome", channel: "sms"))
        try shop.launch(journey)
        let (server, transport) = try provider()
        let dispatcher = try shop.dispatcher(
            [journey],
            adapters: [.email: try sendGrid(server, transport, clock: shop.clock)]
        )
        let totals = try await dispatcher.run(untilIdle: true)
        #expect(totals.skipped == 1)
        let row = try #require(try shop.outbox().first)
        #expect(row.state == .skipped)
        #expect(row.reason == "no sms consent")
        #expect(server.requests.isEmpty)
    }
}
