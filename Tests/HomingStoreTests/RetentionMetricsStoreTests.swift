import HomingCore
import HomingStore
import Testing

/// `retentionMetrics` over a small shop whose every number is worked out by hand below.
@Suite struct RetentionMetricsStoreTests {
    // W = [2025-01-01T00:00Z, 2026-01-01T06:00Z): exactly 365.25 days, so one year and annual value = customer value.
    // The previous window is [2023-12-31T18:00Z, 2025-01-01T00:00Z).
    static let window = DateWindow(from: at("2025-01-01T00:00:00Z"), to: at("2026-01-01T06:00:00Z"))

    static let customers = "customer_id\na\nb\nc\nd\ne\n"
    static let orders = """
        \(StoreFixture.ordersHeader)
        c0,c,2023-01-01T00:00:00Z,5.00,EUR,completed,,
        a0,a,2024-06-01T00:00:00Z,10.00,EUR,completed,,
        d0,d,2024-07-01T00:00:00Z,20.00,EUR,completed,,
        a1,a,2025-02-01T00:00:00Z,30.00,EUR,completed,,
        b1,b,2025-03-01T00:00:00Z,40.00,EUR,completed,,
        b2,b,2025-04-01T00:00:00Z,99.00,EUR,refunded,,
        c1,c,2025-06-01T00:00:00Z,60.00,EUR,completed,,
        c2,c,2025-07-01T00:00:00Z,70.00,EUR,cancelled,,
        a2,a,2025-08-01T00:00:00Z,50.00,EUR,completed,,
        b3,b,2026-01-01T06:00:00Z,80.00,EUR,completed,,

        """

    private func shop() throws -> StoreFixture {
        let shop = try StoreFixture()
        try shop.importCustomers(Self.customers)
        #expect(try shop.importOrders(Self.orders).applied)
        return shop
    }

    @Test func handCheckedMetrics() throws {
        let metrics = try shop().store.retentionMetrics(window: Self.window).all
        // Buyers in W: a (a1, a2), b (b1; b2 refunded, b3 at exactly `to` is outside), c (c1; c2 cancelled).
        #expect(metrics.buyers == 3)
        #expect(metrics.orders == 4)
        // 30 + 40 + 60 + 50 = 180.00 EUR
        #expect(metrics.revenueMinor == 18_000)
        // Only a bought twice in W.
        #expect(metrics.repeatCustomerRate == 1.0 / 3.0)
        #expect(metrics.purchaseFrequency == 4.0 / 3.0)
        // 18 000 / 4 = 4 500 minor = 45.00 EUR
        #expect(metrics.averageOrderValueMinor == 4_500)
        // 45.00 × 4/3 = 60.00 EUR per buyer
        let customerValue = try #require(metrics.customerValueMinor)
        #expect(abs(customerValue - 6_000) < 1e-9)
        // W is exactly one year of 365.25 days.
        let annual = try #require(metrics.annualCustomerValueMinor)
        #expect(abs(annual - 6_000) < 1e-9)
        // Lifespan, last order in W − first completed order ever:
        // a: 2024-06-01 → 2025-08-01 = 426 days; b: 0 days; c: 2023-01-01 → 2025-06-01 = 731 + 151 = 882 days.
        // Mean (426 + 0 + 882) / 3 = 436 days.
        let lifespan = try #require(metrics.averageLifespanYears)
        #expect(abs(lifespan - 436.0 / 365.25) < 1e-12)
        let clv = try #require(metrics.clvMinor)
        #expect(abs(clv - 6_000 * 436.0 / 365.25) < 1e-6)
        // Previous window buyers: a (came back) and d (did not); c's 2023 order is before that window.
        #expect(metrics.retentionRate == 0.5)
        #expect(metrics.churnRate == 0.5)
    }

    @Test func emptyPreviousWindowGivesNullRetention() throws {
        // [2022-01-01, 2023-06-01): only c0 inside; the previous window (same length, before 2022) is empty.
        let window = DateWindow(from: at("2022-01-01T00:00:00Z"), to: at("2023-06-01T00:00:00Z"))
        let metrics = try shop().store.retentionMetrics(window: window).all
        #expect(metrics.buyers == 1)
        #expect(metrics.orders == 1)
        #expect(metrics.revenueMinor == 500)
        #expect(metrics.repeatCustomerRate == 0)
        #expect(metrics.averageLifespanYears == 0)
        #expect(metrics.retentionRate == nil)
        #expect(metrics.churnRate == nil)
    }

    @Test func windowWithoutBuyersHasNullRatios() throws {
        // Buyers in the previous window (a0, d0) but none in W: retention 0, every per-buyer ratio null.
        let window = DateWindow(from: at("2024-08-01T00:00:00Z"), to: at("2025-01-15T00:00:00Z"))
        let metrics = try shop().store.retentionMetrics(window: window).all
        #expect(metrics.buyers == 0)
        #expect(metrics.orders == 0)
        #expect(metrics.revenueMinor == 0)
        #expect(metrics.repeatCustomerRate == nil)
        #expect(metrics.purchaseFrequency == nil)
        #expect(metrics.averageOrderValueMinor == nil)
        #expect(metrics.customerValueMinor == nil)
        #expect(metrics.clvMinor == nil)
        #expect(metrics.averageLifespanYears == nil)
        #expect(metrics.retentionRate == 0)
        #expect(metrics.churnRate == 1)
    }

    @Test func bySegmentPartitionsTheBuyers() throws {
        let shop = try shop()
        let result = try shop.store.retentionMetrics(
            window: Self.window,
            bySegment: (shop.config.segments.method, shop.config.segments.rules)
        )
        let segments = result.bySegment.map(\.segment)
        // Rows come in rule order, each segment at most once.
        #expect(segments == shop.config.segments.rules.segments.filter(segments.contains))
        #expect(result.bySegment.map(\.metrics.buyers).reduce(0, +) == 3)
        #expect(result.bySegment.map(\.metrics.orders).reduce(0, +) == 4)
        #expect(result.bySegment.map(\.metrics.revenueMinor).reduce(0, +) == 18_000)
        #expect(result.all.buyers == 3)
    }
}
