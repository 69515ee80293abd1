import Foundation
import GRDB
import HomingConfig
import HomingCore
import HomingStore
import HomingTestSupport
import Testing

/// `checkpoints: .background` (homing serve): the writer never checkpoints, a thread of the store
/// does, and the WAL is copied into the database file and given back once writes stop.
@Suite struct WALCheckpointerTests {
    @Test func writesReachTheDatabaseFileAndTheWALIsTruncatedWhenIdle() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.url.appendingPathComponent("homing.db").path
        let store = try SQLiteStore(path: path, checkpoints: .background)
        let rows = (1...2000).map { "c\($0),c\($0)@example.com,,,Ana,,fr,,FR,,true,," }
        let csv = directory.url.appendingPathComponent("customers.csv").path
        let header =
            "customer_id,email,phone,push_token,first_name,last_name,locale,timezone,country,signup_at,"
            + "consent_email,consent_sms,consent_push"
        try Data(([header] + rows).joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: csv))
        _ = try CSVImporter(store: store).run(
            input: InputFile(path: csv),
            options: ImportOptions(kind: .customers, skipInvalid: false, rejectsPath: csv + ".rejects.csv")
        )
        #expect(try Self.walSize(path) > 0, "the import went through the WAL")

        // Nothing is written any more: within a few rounds the checkpointer copies and truncates.
        var walSize = try Self.walSize(path)
        for _ in 0..<100 where walSize > 0 {
            try await Task.sleep(for: .milliseconds(100))
            walSize = try Self.walSize(path)
        }
        #expect(walSize == 0)
        #expect(try store.customer(id: "c2000")?.email == "c2000@example.com")
        // Another connection reads the rows from the database file alone.
        let other = try SQLiteStore(path: path)
        #expect(try other.customerKeys().count == 2000)
    }

    @Test func theWALStaysBoundedUnderWritesThatNeverPause() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.url.appendingPathComponent("busy.db").path
        var configuration = Configuration()
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA wal_autocheckpoint = 0") }
        // As the store's own: a write waits while the checkpointer holds the lock (a TRUNCATE, when
        // a stall of this loop on a loaded machine looked like idleness).
        configuration.busyMode = .timeout(10)
        let pool = try DatabasePool(path: path, configuration: configuration)
        try await pool.write { db in try db.execute(sql: "CREATE TABLE t (id INTEGER PRIMARY KEY, blob BLOB)") }
        let pageSize = try await pool.read { db in try Int.fetchOne(db, sql: "PRAGMA page_size") ?? 4096 }
        let checkpointer = try WALCheckpointer(pool: pool, interval: .milliseconds(10), restartPages: 64)
        defer { checkpointer.stop() }
        // Back-to-back transactions, as under a webhook flood: a checkpoint from another connection
        // never finds the WAL fully copied, so only the writer's own catch-up lets it start over.
        let blob = Data(repeating: 7, count: 3 * pageSize)
        var largestWAL = 0
        // A count, not a duration: on a loaded machine a timed run writes little while one stall of the
        // checkpoint thread sets the WAL's high-water mark. Without the writer's catch-up the WAL
        // would hold every frame written, more than `written`.
        let transactions = 2000
        for transaction in 1...transactions {
            try await pool.write { db in try db.execute(sql: "INSERT INTO t (blob) VALUES (?)", arguments: [blob]) }
            if transaction % 50 == 0 { largestWAL = max(largestWAL, try Self.walSize(path)) }
        }
        let written = transactions * 3 * pageSize
        #expect(written > 4 * largestWAL, "WAL reached \(largestWAL) bytes for \(written) written")
    }

    private static func walSize(_ path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path + "-wal")
        return (attributes[.size] as? NSNumber)?.intValue ?? -1
    }
}
