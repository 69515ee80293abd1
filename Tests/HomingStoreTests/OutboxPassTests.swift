import Foundation
import GRDB
import HomingCore
import HomingStore
import Testing

/// A dispatcher pass over the SQLite outbox: outcomes written and the next batch claimed in one
/// transaction, and writes of `state` that SQLite runs without building temporary B-trees.
@Suite struct OutboxPassTests {
    static let now = Instant(millisecondsSince1970: 1_793_000_000_000)

    /// A store with `count` customers, each with one scheduled email due at `now`.
    static func plannedOutbox(_ count: Int) throws -> StoreFixture {
        let shop = try StoreFixture()
        var csv = StoreFixture.customersHeader + "\n"
        for index in 0..<count { csv += "c\(index),c\(index)@example.com,,,,,en,,,,true,false,false\n" }
        try shop.importCustomers(csv)
        let keys = try shop.store.customerKeys()
        try shop.store.journeyTransaction { writer in
            for index in 0..<count {
                let customer = keys["c\(index)"]!
                let enrolment = NewEnrolment(
                    journey: "j",
                    customerKey: customer,
                    triggerKey: "",
                    enteredAt: now,
                    segment: nil,
                    state: .active
                )
                let id = try #require(try writer.insertEnrolment(enrolment))
                let row = NewOutboxRow(
                    key: "k\(index)",
                    enrolmentID: id,
                    journey: "j",
                    stepID: "s",
                    message: "m",
                    channel: "email",
                    customerKey: customer,
                    transactional: false,
                    dueAt: now
                )
                try writer.insertOutbox(row, now: now)
            }
            return ((), commit: true)
        }
        return shop
    }

    @Test func aPassRecordsOutcomesAndClaimsTheNextBatchAtOnce() throws {
        let shop = try Self.plannedOutbox(10)
        let store = shop.store
        let first = try store.claimDue(now: Self.now, limit: 4, lease: .seconds(60), worker: "w")
        #expect(first.count == 4)
        let records = first.map {
            DeliveryRecord(
                outboxID: $0.id,
                channel: "email",
                result: .sent(providerMessageID: "p\($0.id)", locale: "en")
            )
        }
        let second = try store.recordAndClaim(records, worker: "w", now: Self.now, claimLimit: 4, lease: .seconds(60))

        #expect(second.count == 4)
        #expect(Set(second.map(\.id)).isDisjoint(with: first.map(\.id)), "sent rows are not claimed again")
        let depth = try store.outboxDepth()
        #expect(depth[.sent] == 4 && depth[.claimed] == 4 && depth[.scheduled] == 2)
        // With nothing to claim, the records alone are written.
        let none = try store.recordAndClaim(
            second.map { DeliveryRecord(outboxID: $0.id, channel: "email", result: .skipped(reason: "test")) },
            worker: "w",
            now: Self.now,
            claimLimit: 0,
            lease: .seconds(60)
        )
        #expect(none.isEmpty)
        #expect(try store.outboxDepth()[.skipped] == 4)
    }

    @Test func aRecordOfAnotherWorkersClaimChangesNothing() throws {
        let shop = try Self.plannedOutbox(2)
        let claimed = try shop.store.claimDue(now: Self.now, limit: 2, lease: .seconds(60), worker: "w1")
        let records = claimed.map { DeliveryRecord(outboxID: $0.id, channel: "email", result: .dead(reason: "x")) }
        _ = try shop.store.recordAndClaim(records, worker: "w2", now: Self.now, claimLimit: 0, lease: .seconds(60))
        #expect(try shop.store.outboxDepth()[.claimed] == 2)
    }

    @Test func writesOfAStateBuildNoTemporaryBTree() throws {
        let shop = try Self.plannedOutbox(1)
        // `state IN (…)` in a CHECK or a partial index makes SQLite build a temporary B-tree on every
        // execution of a statement writing `state`; the dispatcher runs two such writes per message.
        let database = try DatabaseQueue(path: shop.path("homing.db"))
        let writes = [
            "UPDATE outbox SET state = 'claimed', lease_until = 1 WHERE id = 1",
            "UPDATE outbox SET state = 'sent', sent_at = 1 WHERE id = 1 AND state = 'claimed'",
            "UPDATE enrolments SET state = 'completed' WHERE id = 1",
            """
            INSERT INTO outbox (key, enrolment_id, journey, step, message, channel, customer_key, transactional,
                state, due_at, created_at, updated_at) VALUES ('x', 1, 'j', 's', 'm', 'email', 1, 0, 'scheduled', 1, 1, 1)
            """,
        ]
        try database.read { db in
            for sql in writes {
                let opcodes = try Row.fetchAll(db, sql: "EXPLAIN " + sql).map { $0["opcode"] as String }
                #expect(!opcodes.contains("OpenEphemeral"), "\(sql)")
            }
        }
    }
}
