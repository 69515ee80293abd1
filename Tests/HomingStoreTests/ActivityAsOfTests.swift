import HomingCore
import HomingStore
import Testing

/// `customerActivity(asOf:)` sees only completed orders at or before `asOf`, also for customers who bought
/// again later (straddlers); checked against a brute-force pass over the CSV the test wrote.
@Suite struct ActivityAsOfTests {
    struct PlannedOrder {
        var id: String
        var customer: String
        var at: Instant
        var cents: Int64
        var status: String
    }

    /// A deterministic pseudo-random shop: 30 customers, 400 orders over two years, EUR only.
    static func plan(seed: UInt64) -> [PlannedOrder] {
        var state = seed
        func next(_ bound: UInt64) -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return (state >> 33) % bound
        }
        let start = at("2025-01-01T00:00:00Z").millisecondsSince1970
        let twoYears: UInt64 = 2 * 365 * 86_400_000
        return (0..<400).map { index in
            let status = ["completed", "completed", "completed", "completed", "refunded", "cancelled"][Int(next(6))]
            return PlannedOrder(
                id: "p\(index)",
                customer: "c\(next(25) + 1)",  // c26…c30 never order
                at: Instant(millisecondsSince1970: start + Int64(next(twoYears))),
                cents: Int64(next(50_000) + 1),
                status: status
            )
        }
    }

    static func csv(_ orders: [PlannedOrder]) -> String {
        orders.reduce(StoreFixture.ordersHeader + "\n") { text, order in
            let cents = "\(order.cents / 100).\(order.cents % 100 < 10 ? "0" : "")\(order.cents % 100)"
            return text + "\(order.id),\(order.customer),\(order.at.iso8601),\(cents),EUR,\(order.status),,\n"
        }
    }

    static func customersCSV() -> String {
        (1...30).reduce("customer_id\n") { $0 + "c\($1)\n" }
    }

    static func bruteForce(_ orders: [PlannedOrder], asOf: Instant) -> [String: CustomerActivity] {
        var result: [String: CustomerActivity] = [:]
        for order in orders where order.status == "completed" && order.at <= asOf {
            var entry =
                result[order.customer]
                ?? CustomerActivity(
                    customerID: order.customer,
                    firstOrderAt: order.at,
                    lastOrderAt: order.at,
                    completedOrders: 0,
                    monetaryMinor: 0
                )
            entry.firstOrderAt = min(entry.firstOrderAt, order.at)
            entry.lastOrderAt = max(entry.lastOrderAt, order.at)
            entry.completedOrders += 1
            entry.monetaryMinor += order.cents
            result[order.customer] = entry
        }
        return result
    }

    private func check(_ shop: StoreFixture, _ orders: [PlannedOrder]) throws {
        var instants = [
            at("2024-12-31T00:00:00Z"), at("2025-06-15T12:00:00Z"), at("2026-01-01T00:00:00Z"),
            at("2026-07-01T00:00:00Z"), StoreFixture.farFuture,
        ]
        // Exactly at an order, and one millisecond before it: at or before counts, after does not.
        let sample = orders.filter { $0.status == "completed" }.prefix(3)
        for order in sample {
            instants.append(order.at)
            instants.append(Instant(millisecondsSince1970: order.at.millisecondsSince1970 - 1))
        }
        for asOf in instants {
            let expected = Self.bruteForce(orders, asOf: asOf)
            let population = try shop.store.customerActivity(asOf: asOf)
            let actual = Dictionary(uniqueKeysWithValues: population.activities.map { ($0.customerID, $0) })
            #expect(actual == expected, "as of \(asOf)")
            #expect(population.prospects == 30 - expected.count, "as of \(asOf)")
            #expect(population.keys.count == population.activities.count)
        }
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func activityAsOfMatchesBruteForce(seed: UInt64) throws {
        let shop = try StoreFixture()
        try shop.importCustomers(Self.customersCSV())
        let orders = Self.plan(seed: seed)
        let report = try shop.importOrders(Self.csv(orders))
        #expect(report.applied, "\(report.issues)")
        try check(shop, orders)
    }

    @Test func activityAsOfMatchesBruteForceAfterStatusChanges() throws {
        let shop = try StoreFixture()
        try shop.importCustomers(Self.customersCSV())
        var orders = Self.plan(seed: 7)
        try shop.importOrders(Self.csv(orders))
        // Flip every fifth order's status and move every seventh to another customer, then re-import.
        for index in orders.indices where index % 5 == 0 {
            orders[index].status = orders[index].status == "completed" ? "refunded" : "completed"
        }
        for index in orders.indices where index % 7 == 0 { orders[index].customer = "c\(index % 25 + 1)" }
        let report = try shop.importOrders(Self.csv(orders), name: "changed.csv")
        #expect(report.counts.updated > 0)
        try check(shop, orders)
    }

    @Test func segmentationUsesTheActivityAsOf() throws {
        let shop = try StoreFixture()
        try shop.importCustomers(Self.customersCSV())
        let orders = Self.plan(seed: 11)
        try shop.importOrders(Self.csv(orders))
        let asOf = at("2026-01-01T00:00:00Z")
        let (run, keys) = try shop.store.segmentation(
            asOf: asOf,
            method: shop.config.segments.method,
            rules: shop.config.segments.rules
        )
        let expected = Self.bruteForce(orders, asOf: asOf)
        #expect(keys.count == expected.count)
        #expect(run.report.prospects == 30 - expected.count)
        for value in run.values {
            let activity = try #require(expected[value.customerID])
            #expect(value.frequency == activity.completedOrders)
            #expect(value.monetaryMinor == activity.monetaryMinor)
            #expect(
                value.recencyDays
                    == Int((asOf.millisecondsSince1970 - activity.lastOrderAt.millisecondsSince1970) / 86_400_000)
            )
        }
    }
}

/// Above `SQLiteStore.straddlerScanThreshold` (50 000) straddlers, `customerActivity(asOf:)` switches from per-customer
/// queries to one scan of all orders; both paths must give the brute-force answer.
@Suite struct ManyStraddlersTests {
    @Test func moreStraddlersThanTheScanThreshold() throws {
        let count = 50_100
        let shop = try StoreFixture()
        var customers = "customer_id\n"
        var orders = StoreFixture.ordersHeader + "\n"
        customers.reserveCapacity(count * 8)
        orders.reserveCapacity(count * 120)
        let before = at("2026-01-01T00:00:00Z").millisecondsSince1970
        for index in 0..<count {
            customers += "s\(index)\n"
            let first = Instant(millisecondsSince1970: before + Int64(index) * 1_000)
            let cents = index % 1_000 + 1
            let amount = "\(cents / 100).\(cents % 100 < 10 ? "0" : "")\(cents % 100)"
            orders += "b\(index),s\(index),\(first.iso8601),\(amount),EUR,completed,,\n"
            orders += "a\(index),s\(index),2026-09-01T00:00:00Z,99.99,EUR,completed,,\n"
            if index % 3 == 0 { orders += "r\(index),s\(index),\(first.iso8601),5.00,EUR,refunded,,\n" }
        }
        #expect(try shop.importCustomers(customers).counts.inserted == count)
        #expect(try shop.importOrders(orders).applied)
        let asOf = at("2026-06-01T00:00:00Z")
        let population = try shop.store.customerActivity(asOf: asOf)
        #expect(population.activities.count == count)
        #expect(population.prospects == 0)
        var mismatches = 0
        for activity in population.activities {
            let index = Int(activity.customerID.dropFirst())!
            let first = Instant(millisecondsSince1970: before + Int64(index) * 1_000)
            let expected = CustomerActivity(
                customerID: activity.customerID,
                firstOrderAt: first,
                lastOrderAt: first,
                completedOrders: 1,
                monetaryMinor: Int64(index % 1_000 + 1)
            )
            if activity != expected { mismatches += 1 }
        }
        #expect(mismatches == 0)
    }
}
