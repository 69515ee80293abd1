import HomingCore
import HomingEngine
import HomingStore
import Testing

/// The delivery gate's two reads per claimed batch (suppressed addresses, recent marketing sends)
/// pass the whole batch as one JSON array: any size, any characters, exactly the matching rows.
@Suite struct BatchLookupTests {
    static let oneSend = "id: batch\nentry: manual\nsteps:\n  - send: welcome\n    channels: [email]\n"

    @Test func suppressedAddressesAreFoundWhateverCharactersTheyHold() throws {
        let shop = try EngineFixture(customers: ["c1,ann@example.com,,,Ann,,en,,,,true,false,false"])
        try shop.launch(try shop.journey(Self.oneSend))
        let row = try #require(
            try shop.store.claimDue(now: shop.clock.now, limit: 10, lease: .seconds(60), worker: "w").first
        )
        let tricky = #"o"neil\x/y@例え.jp"#
        try shop.store.record(
            [
                DeliveryRecord(
                    outboxID: row.id,
                    channel: "email",
                    result: .suppressed(reason: "bounce", suppress: tricky)
                )
            ],
            worker: "w",
            now: shop.clock.now
        )
        let asked = [tricky, "ann@example.com", #"o"neil\x/y@例え.JP"#, "[1]", ""]
        #expect(try shop.store.suppressedAddresses(channel: "email", among: asked) == [tricky])
        #expect(try shop.store.suppressedAddresses(channel: "sms", among: asked).isEmpty)
        #expect(try shop.store.isSuppressed(channel: "email", address: tricky))
    }

    @Test func marketingSendsOfMoreThanFiveHundredCustomersComeBackInOneRead() throws {
        let customers = (1...620).map { "c\($0),c\($0)@example.com,,,,,en,,,,true,false,false" }
        let shop = try EngineFixture(customers: customers)
        try shop.launch(try shop.journey(Self.oneSend))
        let rows = try shop.store.claimDue(now: shop.clock.now, limit: 1000, lease: .seconds(60), worker: "w")
        #expect(rows.count == 620)
        let sent = rows.prefix(580).map {
            DeliveryRecord(outboxID: $0.id, channel: "email", result: .sent(providerMessageID: nil, locale: "en"))
        }
        try shop.store.record(sent, worker: "w", now: shop.clock.now)
        let keys = rows.map(\.recipient.key)
        let history = try shop.store.marketingSends(customerKeys: keys + keys, since: shop.clock.now)
        #expect(history.count == 580)
        #expect(history.values.allSatisfy { $0.count == 1 })
        #expect(Set(history.keys) == Set(rows.prefix(580).map(\.recipient.key)))
        let later = try shop.store.marketingSends(customerKeys: keys, since: shop.clock.now.adding(seconds: 1))
        #expect(later.isEmpty)
    }
}
