import Foundation
import GRDB
import HomingCore
import HomingTestSupport
import Testing

@testable import HomingStore

/// A store written by an earlier release opens under the current schema with every row kept, and
/// the constraints that SQLite used to check with temporary B-trees still hold.
@Suite struct SchemaMigrationTests {
    static let version4 = "v4: customers found by address, for provider opt-outs"

    @Test func aVersion4StoreKeepsItsRowsAndItsConstraints() throws {
        let directory = try TemporaryDirectory()
        let path = directory.url.appendingPathComponent("homing.db").path
        do {
            let old = try DatabaseQueue(path: path)
            try SQLiteStore.migrator.migrate(old, upTo: Self.version4)
            try old.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO customers (key, id, email, consent_email) VALUES (1, 'c1', 'ana@example.com', 1);
                        INSERT INTO orders (id, customer_key, ordered_at, amount_minor, currency, base_minor, status)
                            VALUES ('o1', 1, 1000, 5990, 'EUR', 5990, 'completed'),
                                   ('o2', 1, 2000, 1200, 'EUR', 1200, 'refunded');
                        INSERT INTO enrolments (id, journey, customer_key, trigger_key, entered_at, state, next_step)
                            VALUES (7, 'win-back', 1, '', 1000, 'active', 2);
                        INSERT INTO outbox (id, key, enrolment_id, journey, step, message, channel, customer_key,
                            transactional, state, due_at, attempts, created_at, updated_at, provider_message_id)
                            VALUES (3, 'k1', 7, 'win-back', 'miss-you', 'win-back-miss-you', 'email', 1, 0, 'sent',
                                1000, 1, 1000, 1100, 'sg-1');
                        """
                )
            }
        }

        let store = try SQLiteStore(path: path)
        let database = try DatabaseQueue(path: path)
        let kept = try database.read { db -> [String?] in
            try String.fetchAll(db, sql: "SELECT id || ':' || status FROM orders ORDER BY id") + [
                try String.fetchOne(db, sql: "SELECT journey || ':' || state || ':' || next_step FROM enrolments"),
                try String.fetchOne(db, sql: "SELECT key || ':' || state || ':' || provider_message_id FROM outbox"),
                try String.fetchOne(db, sql: "PRAGMA integrity_check"),
                try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").isEmpty ? "no dangling keys" : "dangling keys",
            ]
        }
        #expect(
            kept == ["o1:completed", "o2:refunded", "win-back:active:2", "k1:sent:sg-1", "ok", "no dangling keys"]
        )
        #expect(try store.outboxDepth()[.sent] == 1)
        // A provider id stored before v9 is in the rebuilt index: a report naming it alone finds its row.
        let bounce = DeliveryReport(
            channel: .email,
            message: MessageReference(providerMessageIDs: ["sg-1"]),
            delivery: .bounced,
            at: Instant(millisecondsSince1970: 5000)
        )
        #expect(try store.applyDeliveryReports([bounce], now: Instant(millisecondsSince1970: 5000)).matched == 1)
        try Self.expectConstraintsHold(database)
    }

    @Test func writesOfAnOrderBuildNoTemporaryBTree() throws {
        let shop = try StoreFixture()
        let database = try DatabaseQueue(path: shop.path("homing.db"))
        let writes = [
            """
            INSERT INTO orders (id, customer_key, ordered_at, amount_minor, currency, base_minor, status)
                VALUES ('o9', 1, 1, 1, 'EUR', 1, 'completed')
            """,
            "UPDATE orders SET status = 'refunded' WHERE id = 'o9'",
        ]
        try database.read { db in
            for sql in writes {
                let opcodes = try Row.fetchAll(db, sql: "EXPLAIN " + sql).map { $0["opcode"] as String }
                #expect(!opcodes.contains("OpenEphemeral"), "\(sql)")
            }
        }
        try Self.expectConstraintsHold(database)
    }

    /// A status or state outside the lists is still refused after the checks were rewritten.
    static func expectConstraintsHold(_ database: DatabaseQueue) throws {
        try database.write { db in
            try db.execute(sql: "INSERT OR IGNORE INTO customers (key, id) VALUES (1, 'c1')")
            #expect(throws: DatabaseError.self) {
                try db.execute(
                    sql: """
                        INSERT INTO orders (id, customer_key, ordered_at, amount_minor, currency, base_minor, status)
                        VALUES ('bad', 1, 1, 1, 'EUR', 1, 'pending')
                        """
                )
            }
            #expect(throws: DatabaseError.self) {
                try db.execute(sql: "UPDATE enrolments SET state = 'paused'")
                if db.changesCount == 0 {
                    try db.execute(
                        sql: """
                            INSERT INTO enrolments (journey, customer_key, trigger_key, entered_at, state)
                            VALUES ('j', 1, 'x', 1, 'paused')
                            """
                    )
                }
            }
        }
    }
}
