import GRDB
import HomingCore
import Testing

@testable import HomingStore

/// Claims read each running journey's earliest due rows (outbox_due on journey and due_at), merge
/// them earliest first, and leave paused journeys' rows where they are.
@Suite struct ClaimAcrossJourneysTests {
    static let now = Instant(millisecondsSince1970: 1_793_000_000_000)
    static func now(_ offset: Int64) -> Instant { Instant(millisecondsSince1970: now.millisecondsSince1970 + offset) }

    /// One customer and, per entry of `rows`, an outbox row of that journey due `offset` ms from `now`.
    static func outbox(_ rows: [(journey: String, offset: Int64)]) throws -> StoreFixture {
        let shop = try StoreFixture()
        try shop.importCustomers(StoreFixture.customersHeader + "\nc1,c1@example.com,,,,,en,,,,true,false,false\n")
        let customer = try #require(try shop.store.customerKeys()["c1"])
        try shop.store.journeyTransaction { writer in
            for (index, row) in rows.enumerated() {
                let enrolment = NewEnrolment(
                    journey: row.journey,
                    customerKey: customer,
                    triggerKey: "t\(index)",
                    enteredAt: now,
                    segment: nil,
                    state: .active,
                    // Waiting on no step, so the store's next due instant is the outbox's alone.
                    cursor: EnrolmentCursor(nextStep: 1, nextAt: nil)
                )
                let id = try #require(try writer.insertEnrolment(enrolment))
                let outboxRow = NewOutboxRow(
                    key: "k\(index)",
                    enrolmentID: id,
                    journey: row.journey,
                    stepID: "s",
                    message: "m\(index)",
                    channel: "email",
                    customerKey: customer,
                    transactional: false,
                    dueAt: now(row.offset)
                )
                try writer.insertOutbox(outboxRow, now: now)
            }
            return ((), commit: true)
        }
        return shop
    }

    @Test func theEarliestRowsOfAllJourneysComeFirstTiesInInsertionOrder() throws {
        let shop = try Self.outbox([
            ("welcome", -500), ("win-back", -900), ("welcome", -900), ("post-purchase", -100),
            ("win-back", -300), ("post-purchase", -900), ("welcome", 60_000),
        ])
        let claimed = try shop.store.claimDue(now: Self.now, limit: 4, lease: .seconds(60), worker: "w")
        // Due -900 (rows 1, 2, 5 in insertion order), then -500 (row 0); row 6 is not due yet.
        #expect(claimed.map(\.message) == ["m1", "m2", "m5", "m0"])
        let rest = try shop.store.claimDue(now: Self.now, limit: 10, lease: .seconds(60), worker: "w")
        #expect(rest.map(\.message) == ["m4", "m3"])
    }

    @Test func aPausedJourneysBacklogHoldsBackNoOtherJourney() throws {
        let backlog = (0..<300).map { (journey: "post-purchase", offset: Int64(-10_000 + $0)) }
        let shop = try Self.outbox(backlog + [("welcome", -1), ("welcome", 0)])
        #expect(try shop.store.setPaused(true, journey: "post-purchase"))

        let claimed = try shop.store.claimDue(now: Self.now, limit: 50, lease: .seconds(60), worker: "w")
        #expect(claimed.map(\.journey) == ["welcome", "welcome"])
        // Next comes the end of the welcome rows' lease, not the paused rows due long ago.
        #expect(try shop.store.nextDueInstant() == Self.now(60_000))

        #expect(try shop.store.setPaused(false, journey: "post-purchase"))
        let resumed = try shop.store.claimDue(now: Self.now, limit: 1000, lease: .seconds(60), worker: "w")
        #expect(resumed.count == 300 && resumed.allSatisfy { $0.journey == "post-purchase" })
    }

    @Test func theNextDueInstantIsALeaseEndOrTheFirstRowNotClaimed() throws {
        let shop = try Self.outbox([("welcome", -2_000), ("welcome", 5_000), ("win-back", 9_000)])
        #expect(try shop.store.nextDueInstant() == Self.now(-2_000))

        // The due row is claimed for 60 s: the next instant is the later row's due time, not the lease's end.
        let claimed = try shop.store.claimDue(now: Self.now, limit: 10, lease: .seconds(60), worker: "w")
        #expect(claimed.map(\.message) == ["m0"])
        #expect(try shop.store.nextDueInstant() == Self.now(5_000))

        // With the later rows' journeys paused, the lease's end is what comes next.
        _ = try shop.store.setPaused(true, journey: "win-back")
        let later = try shop.store.claimDue(
            now: Self.now(5_000),
            limit: 10,
            lease: .seconds(1),
            worker: "w"
        )
        #expect(later.map(\.message) == ["m1"])
        #expect(try shop.store.nextDueInstant() == Self.now(6_000))
    }

    /// What makes a paused backlog cheap: each journey's rows are a range of `outbox_due`, and the
    /// journeys are found by probing it, never by reading every claimable row.
    @Test func claimsReadRangesOfTheDueIndex() throws {
        let shop = try Self.outbox([("welcome", 0)])
        let database = try DatabaseQueue(path: shop.path("homing.db"))
        let plans = try database.read { db in
            let queries: [(String, StatementArguments)] = [
                (SQLiteStore.dueRowsSQL, [0, 10, "welcome"]), (SQLiteStore.runningJourneysSQL, []),
            ]
            return try queries.map { sql, arguments in
                try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: arguments).map {
                    $0["detail"] as String
                }
            }
        }
        #expect(plans[0].first == "SEARCH o USING INDEX outbox_due (journey=? AND due_at<?)", "\(plans[0])")
        #expect(plans[1].contains("SEARCH o USING INDEX outbox_due (journey>?)"), "\(plans[1])")
        #expect(!plans.joined().contains { $0.hasPrefix("SCAN o") }, "\(plans)")
    }
}
