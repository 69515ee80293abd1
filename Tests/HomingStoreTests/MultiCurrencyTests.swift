import HomingCore
import HomingStore
import Testing

/// Orders in other currencies are valued in base EUR minor units with the shipped rates (DESIGN.md §4.2):
/// `round(amount_minor × 10^(base_exp − cur_exp) / rate)`, half away from zero.
@Suite struct MultiCurrencyTests {
    @Test func ordersAreValuedInBaseMinorUnits() throws {
        let shop = try StoreFixture()
        try shop.importCustomers("customer_id\nusd\njpy\nmix\n")
        let text = """
            \(StoreFixture.ordersHeader)
            m1,usd,2026-01-01T00:00:00Z,108.00,USD,completed,,
            m2,jpy,2026-01-02T00:00:00Z,1620,JPY,completed,,
            m3,mix,2026-01-03T00:00:00Z,0.01,USD,completed,,
            m4,mix,2026-01-04T00:00:00Z,1.00,CNY,completed,,
            m5,mix,2026-01-05T00:00:00Z,1,JPY,completed,,
            m6,mix,2026-01-06T00:00:00Z,5.00,EUR,completed,,
            m7,mix,2026-01-07T00:00:00Z,100.00,GBP,completed,,

            """
        let report = try shop.importOrders(text)
        #expect(report.applied, "\(report.issues)")
        let activity = try shop.activity()
        // 10 800 USD cents × 10^0 / 1.08 = 10 000 EUR cents
        #expect(activity["usd"]?.monetaryMinor == 10_000)
        // 1 620 yen × 10^2 / 162 = 1 000 EUR cents
        #expect(activity["jpy"]?.monetaryMinor == 1_000)
        // m3: 1 / 1.08 = 0.93 → 1; m4: 100 / 7.80 = 12.82 → 13; m5: 100 / 162 = 0.62 → 1; m6: 500;
        // m7: 10 000 / 0.85 = 11 764.7 → 11 765. Sum 12 280.
        #expect(activity["mix"]?.monetaryMinor == 12_280)
        #expect(activity["mix"]?.completedOrders == 5)
        let values = try shop.completedOrders().map(\.baseMinor).sorted()
        #expect(values == [1, 1, 13, 500, 1_000, 10_000, 11_765])
    }

    @Test func changingTheCurrencyRevaluesTheOrder() throws {
        let shop = try StoreFixture()
        try shop.importCustomers("customer_id\nx\n")
        try shop.importOrders(StoreFixture.ordersHeader + "\nk1,x,2026-01-01T00:00:00Z,108.00,EUR,completed,,\n")
        #expect(try shop.activity()["x"]?.monetaryMinor == 10_800)
        let report = try shop.importOrders(
            StoreFixture.ordersHeader + "\nk1,x,2026-01-01T00:00:00Z,108.00,USD,completed,,\n"
        )
        #expect(report.counts.updated == 1)
        #expect(try shop.activity()["x"]?.monetaryMinor == 10_000)
    }
}
