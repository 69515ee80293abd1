import HomingCore
import Testing

@Suite struct RetentionMetricsTests {
    private func at(_ text: String) throws -> Instant { try Instant(iso8601: text + "T00:00:00Z") }

    /// W = [2025-01-01, 2026-01-01), 365 days; the previous window is [2024-01-02, 2025-01-01).
    /// A: first order 2024-06-01 (previous window), then 100.00 on 2025-03-01 and 50.00 on 2025-06-01.
    /// B: only 30.00 on 2025-12-01. C: only 40.00 on 2024-09-01 (previous window), gone since.
    private func tally() throws -> (RetentionTally, [Int64: Instant]) {
        var tally = RetentionTally(window: DateWindow(from: try at("2025-01-01"), to: try at("2026-01-01")))
        tally.add(buyer: 1, at: try at("2024-06-01"), baseMinor: 2000)
        tally.add(buyer: 1, at: try at("2025-03-01"), baseMinor: 10_000)
        tally.add(buyer: 1, at: try at("2025-06-01"), baseMinor: 5000)
        tally.add(buyer: 2, at: try at("2025-12-01"), baseMinor: 3000)
        tally.add(buyer: 3, at: try at("2024-09-01"), baseMinor: 4000)
        tally.add(buyer: 4, at: try at("2026-01-01"), baseMinor: 9999)  // at `to`: outside W
        tally.add(buyer: 5, at: try at("2024-01-01"), baseMinor: 9999)  // before the previous window
        return (tally, [1: try at("2024-06-01"), 2: try at("2025-12-01"), 3: try at("2024-09-01")])
    }

    @Test func handCheckedWindow() throws {
        let (tally, firsts) = try tally()
        let metrics = tally.metrics { firsts[$0]! }
        #expect(metrics.buyers == 2)
        #expect(metrics.orders == 3)
        #expect(metrics.revenueMinor == 18_000)
        #expect(metrics.repeatCustomerRate == 0.5)
        #expect(metrics.purchaseFrequency == 1.5)
        #expect(metrics.averageOrderValueMinor == 6000)
        #expect(metrics.customerValueMinor == 9000)
        // 9000 ÷ (365 / 365.25 years)
        #expect(abs(metrics.annualCustomerValueMinor! - 9000 * 365.25 / 365) < 1e-9)
        // A: 2024-06-01 → 2025-06-01 = 365 days = 365/365.25 years; B: 0 → mean half of that
        #expect(abs(metrics.averageLifespanYears! - 365 / 365.25 / 2) < 1e-12)
        // annual value × lifespan = 9000 · 365.25/365 · 365/365.25 / 2 = 4500
        #expect(abs(metrics.clvMinor! - 4500) < 1e-9)
        // previous-window buyers A and C; only A came back
        #expect(metrics.retentionRate == 0.5)
        #expect(metrics.churnRate == 0.5)
    }

    @Test func groupsSplitTheSameBuyers() throws {
        let (tally, firsts) = try tally()
        let groups = tally.metrics(by: { $0 == 2 ? "new" : "old" }, firstOrderAt: { firsts[$0]! })
        #expect(groups["new"]?.buyers == 1)
        #expect(groups["new"]?.retentionRate == nil)
        #expect(groups["old"]?.buyers == 1)
        #expect(groups["old"]?.retentionRate == 0.5)
    }

    @Test func emptyDenominatorsAreNil() throws {
        let tally = RetentionTally(window: DateWindow(from: try at("2025-01-01"), to: try at("2026-01-01")))
        let metrics = tally.metrics { _ in Instant(millisecondsSince1970: 0) }
        #expect(metrics.buyers == 0)
        #expect(metrics.repeatCustomerRate == nil)
        #expect(metrics.purchaseFrequency == nil)
        #expect(metrics.averageOrderValueMinor == nil)
        #expect(metrics.clvMinor == nil)
        #expect(metrics.retentionRate == nil)
        #expect(metrics.churnRate == nil)
    }

    @Test func previousWindowHasTheSameLength() throws {
        let window = DateWindow(from: try at("2025-01-01"), to: try at("2026-01-01"))
        #expect(window.previous == DateWindow(from: try at("2024-01-02"), to: try at("2025-01-01")))
    }
}
