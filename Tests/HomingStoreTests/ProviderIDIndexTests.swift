import Foundation
import GRDB
import HomingCore
import Testing

@testable import HomingStore

/// Provider ids are indexed in batches (schema v9): a send leaves its id pending, a provider's report
/// finds the row whether its id is pending or indexed, and enough pending ids are indexed at once.
@Suite struct ProviderIDIndexTests {
    static let now = OutboxPassTests.now

    /// Sends `count` planned rows with provider ids `p<row id>` through the dispatcher's pass.
    static func sent(_ count: Int) throws -> (StoreFixture, [ClaimedMessage]) {
        let shop = try OutboxPassTests.plannedOutbox(count)
        let claimed = try shop.store.claimDue(now: now, limit: count, lease: .seconds(60), worker: "w")
        let records = claimed.map {
            DeliveryRecord(
                outboxID: $0.id,
                channel: "email",
                result: .sent(providerMessageID: "p\($0.id)", locale: "en")
            )
        }
        _ = try shop.store.recordAndClaim(records, worker: "w", now: now, claimLimit: 0, lease: .seconds(60))
        return (shop, claimed)
    }

    static func pending(_ shop: StoreFixture) throws -> Int {
        try DatabaseQueue(path: shop.path("homing.db")).read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM outbox WHERE provider_id_pending IS NOT NULL") ?? -1
        }
    }

    /// A bounce reported by provider id alone, as Twilio and APNs report.
    static func bounce(_ providerID: String, _ shop: StoreFixture) throws -> DeliveryReportSummary {
        let report = DeliveryReport(
            channel: .email,
            message: MessageReference(providerMessageIDs: [providerID]),
            delivery: .bounced,
            at: now
        )
        return try shop.store.applyDeliveryReports([report], now: now)
    }

    @Test func reportFindsARowWhoseProviderIDIsStillPending() throws {
        let (shop, claimed) = try Self.sent(3)
        #expect(try Self.pending(shop) == 3)
        #expect(try Self.bounce("p\(claimed[1].id)", shop).matched == 1)
        #expect(try shop.store.providerDelivery(outboxKey: claimed[1].key)?.delivery == .bounced)
        #expect(try Self.bounce("p-unknown", shop).unmatched == 1)
    }

    @Test func reportFindsARowWhoseProviderIDWasIndexed() throws {
        let (shop, claimed) = try Self.sent(3)
        let indexed = try shop.store.pool.write { db in try SQLiteStore.indexPendingProviderIDs(db, threshold: 1) }
        #expect(indexed == 3)
        #expect(try Self.pending(shop) == 0)
        #expect(try Self.bounce("p\(claimed[2].id)", shop).matched == 1)
        #expect(try shop.store.providerDelivery(outboxKey: claimed[2].key)?.delivery == .bounced)
    }

    @Test func fewerThanTheLimitWaitAndTheLimitIsIndexedInTheSamePass() throws {
        let limit = Int(SQLiteStore.pendingProviderIDLimit)
        let (shop, claimed) = try Self.sent(limit - 1)
        #expect(try Self.pending(shop) == limit - 1)
        // One more send reaches the limit: that pass's transaction indexes every pending id.
        let planned = try shop.store.pool.write { db -> Int64 in
            try db.execute(
                sql: """
                    INSERT INTO outbox (key, enrolment_id, journey, step, message, channel, customer_key, transactional,
                        state, due_at, created_at, updated_at)
                    SELECT 'extra', enrolment_id, journey, step, message, channel, customer_key, 0, 'scheduled', due_at, 1, 1
                    FROM outbox LIMIT 1
                    """
            )
            return db.lastInsertedRowID
        }
        let last = try shop.store.claimDue(now: Self.now, limit: 1, lease: .seconds(60), worker: "w")
        #expect(last.map(\.id) == [planned])
        let record = DeliveryRecord(
            outboxID: planned,
            channel: "email",
            result: .sent(providerMessageID: "p\(planned)", locale: nil)
        )
        _ = try shop.store.recordAndClaim([record], worker: "w", now: Self.now, claimLimit: 0, lease: .seconds(60))
        #expect(try Self.pending(shop) == 0)
        #expect(try Self.bounce("p\(claimed[0].id)", shop).matched == 1)
        #expect(try Self.bounce("p\(planned)", shop).matched == 1)
    }

    /// Both lookups must search their partial index: a scan of the outbox, or of thousands of pending
    /// ids, per report is what the indexes are for, and SQLite uses a partial index only when the
    /// query repeats its WHERE.
    @Test func lookupsUseTheirIndexes() throws {
        let (shop, _) = try Self.sent(1)
        try DatabaseQueue(path: shop.path("homing.db")).read { db in
            let lookups = [
                (SQLiteStore.providerIDIndexedLookup, "outbox_by_provider_id"),
                (SQLiteStore.providerIDPendingLookup, "outbox_provider_id_pending"),
            ]
            for (sql, index) in lookups {
                let plan = try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: ["p1", "email"])
                    .map { $0["detail"] as String }.joined(separator: "; ")
                // A search of the index, not a scan of it: a report must not read every pending id.
                #expect(plan.contains("SEARCH outbox USING INDEX \(index)"), "\(plan)")
            }
        }
    }
}
