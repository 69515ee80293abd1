import Foundation
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

    private static func walSize(_ path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path + "-wal")
        return (attributes[.size] as? NSNumber)?.intValue ?? -1
    }
}
