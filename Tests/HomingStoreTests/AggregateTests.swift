import HomingCore
import HomingStore
import Testing

/// The per-customer aggregates follow every change an import makes to orders.
@Suite struct AggregateTests {
    static let orders = """
        \(StoreFixture.ordersHeader)
        a1,c1,2026-01-01T00:00:00Z,10.00,EUR,completed,,
        a2,c2,2026-02-01T00:00:00Z,20.00,EUR,completed,,
        a3,c2,2026-03-01T00:00:00Z,30.00,EUR,completed,,
        a4,c3,2026-04-01T00:00:00Z,40.00,EUR,completed,,

        """

    private func shop() throws -> StoreFixture {
        let shop = try StoreFixture()
        try shop.importCustomers(ImportUpsertTests.customers)
        try shop.importOrders(Self.orders)
        return shop
    }

    @Test func refundingTheOnlyCompletedOrderMakesAProspect() throws {
        let shop = try shop()
        #expect(try shop.store.customerActivity(asOf: StoreFixture.farFuture).prospects == 1)
        let report = try shop.importOrders(
            Self.orders.replacingOccurrences(of: "10.00,EUR,completed", with: "10.00,EUR,refunded")
        )
        #expect(report.counts == UpsertCounts(inserted: 0, updated: 1, unchanged: 3))
        let population = try shop.store.customerActivity(asOf: StoreFixture.farFuture)
        #expect(!population.activities.contains { $0.customerID == "c1" })
        #expect(population.prospects == 2)
        #expect(population.activities.count == 2)
        // Completing it again brings c1 back.
        try shop.importOrders(Self.orders)
        #expect(
            try shop.activity()["c1"]
                == CustomerActivity(
                    customerID: "c1",
                    firstOrderAt: at("2026-01-01T00:00:00Z"),
                    lastOrderAt: at("2026-01-01T00:00:00Z"),
                    completedOrders: 1,
                    monetaryMinor: 1_000
                )
        )
    }

    @Test func refundingOneOfTwoOrdersShrinksTheAggregate() throws {
        let shop = try shop()
        try shop.importOrders(Self.orders.replacingOccurrences(of: "30.00,EUR,completed", with: "30.00,EUR,cancelled"))
        let c2 = try #require(try shop.activity()["c2"])
        #expect(c2.completedOrders == 1)
        #expect(c2.monetaryMinor == 2_000)
        #expect(c2.lastOrderAt == at("2026-02-01T00:00:00Z"))
    }

    @Test func amountChangeUpdatesMonetary() throws {
        let shop = try shop()
        let report = try shop.importOrders(Self.orders.replacingOccurrences(of: "20.00", with: "25.50"))
        #expect(report.counts.updated == 1)
        let c2 = try #require(try shop.activity()["c2"])
        #expect(c2.monetaryMinor == 5_550)
        #expect(c2.completedOrders == 2)
    }

    @Test func dateChangeMovesFirstAndLast() throws {
        let shop = try shop()
        try shop.importOrders(
            Self.orders.replacingOccurrences(of: "2026-03-01T00:00:00Z", with: "2025-12-01T00:00:00Z")
        )
        let c2 = try #require(try shop.activity()["c2"])
        #expect(c2.firstOrderAt == at("2025-12-01T00:00:00Z"))
        #expect(c2.lastOrderAt == at("2026-02-01T00:00:00Z"))
    }

    @Test func orderMovedToAnotherCustomerUpdatesBoth() throws {
        let shop = try shop()
        // a3 moves from c2 to c3.
        let report = try shop.importOrders(Self.orders.replacingOccurrences(of: "a3,c2,", with: "a3,c3,"))
        #expect(report.counts == UpsertCounts(inserted: 0, updated: 1, unchanged: 3))
        let activity = try shop.activity()
        let c2 = try #require(activity["c2"])
        #expect(c2.completedOrders == 1)
        #expect(c2.monetaryMinor == 2_000)
        #expect(c2.lastOrderAt == at("2026-02-01T00:00:00Z"))
        let c3 = try #require(activity["c3"])
        #expect(c3.completedOrders == 2)
        #expect(c3.monetaryMinor == 7_000)
        #expect(c3.firstOrderAt == at("2026-03-01T00:00:00Z"))
        #expect(c3.lastOrderAt == at("2026-04-01T00:00:00Z"))
    }

    @Test func newOrdersAndAChangeInOneImport() throws {
        let shop = try shop()
        // One file both inserts for c1 and changes an existing c1 order: the aggregate counts each once.
        let text = """
            \(StoreFixture.ordersHeader)
            a1,c1,2026-01-01T00:00:00Z,11.00,EUR,completed,,
            a5,c1,2026-05-01T00:00:00Z,5.00,EUR,completed,,
            a6,c4,2026-06-01T00:00:00Z,6.00,EUR,completed,,
            a6,c4,2026-06-01T00:00:00Z,7.00,EUR,completed,,

            """
        let report = try shop.importOrders(text, name: "more.csv")
        #expect(report.applied)
        let activity = try shop.activity()
        #expect(activity["c1"]?.completedOrders == 2)
        #expect(activity["c1"]?.monetaryMinor == 1_600)
        #expect(activity["c1"]?.lastOrderAt == at("2026-05-01T00:00:00Z"))
        // a6 appears twice: the later row wins, counted once.
        #expect(activity["c4"]?.completedOrders == 1)
        #expect(activity["c4"]?.monetaryMinor == 700)
    }

    @Test func aggregatesMatchARecomputationAfterManyImports() throws {
        let shop = try shop()
        var text = Self.orders
        for round in 0..<4 {
            text =
                round % 2 == 0
                ? text.replacingOccurrences(of: "completed", with: "refunded")
                : text.replacingOccurrences(of: "refunded", with: "completed")
            text += "r\(round),c\(round % 4 + 1),2026-0\(round + 5)-01T00:00:00Z,1.0\(round),EUR,completed,,\n"
            try shop.importOrders(text, name: "round\(round).csv")
        }
        // Recompute by hand from the completed orders the store holds, and compare with the aggregates.
        let keys = try shop.store.customerKeys()
        let idOf = Dictionary(uniqueKeysWithValues: keys.map { ($0.value, $0.key) })
        var expected: [String: CustomerActivity] = [:]
        for order in try shop.completedOrders() {
            let id = idOf[order.customerKey]!
            var entry =
                expected[id]
                ?? CustomerActivity(
                    customerID: id,
                    firstOrderAt: order.orderedAt,
                    lastOrderAt: order.orderedAt,
                    completedOrders: 0,
                    monetaryMinor: 0
                )
            entry.firstOrderAt = min(entry.firstOrderAt, order.orderedAt)
            entry.lastOrderAt = max(entry.lastOrderAt, order.orderedAt)
            entry.completedOrders += 1
            entry.monetaryMinor += order.baseMinor
            expected[id] = entry
        }
        #expect(try shop.activity() == expected)
    }
}
