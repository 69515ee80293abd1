import ArgumentParser
import Foundation
import HomingConfig
import HomingCore
import HomingStore

/// `--db` and `--config`, shared by every command that touches the store.
struct StoreOptions: ParsableArguments {
    @Option(help: "The SQLite store file. Default: $HOMING_DB, else store.path in homing.yaml (homing.db).")
    var db: String?

    @Option(help: "The configuration directory. Default: ./config, else the built-in defaults.")
    var config: String?

    func loadConfig() throws -> ConfigDirectory { try ConfigDirectory.load(path: config) }

    /// The store path by precedence: --db, HOMING_DB, homing.yaml.
    func storePath(_ config: ConfigDirectory) -> String { Self.storePath(db: db, config: config) }

    static func storePath(db: String?, config: ConfigDirectory) -> String {
        db ?? ProcessInfo.processInfo.environment["HOMING_DB"].flatMap { $0.isEmpty ? nil : $0 }
            ?? config.settings.storePath
    }

    func openStore(
        _ config: ConfigDirectory,
        busyTimeout: Duration = .seconds(30),
        checkpoints: WALCheckpoints = .automatic
    ) throws -> SQLiteStore {
        try SQLiteStore(path: storePath(config), busyTimeout: busyTimeout, checkpoints: checkpoints)
    }
}

/// Parses a command-line instant: ISO 8601 with an offset, or a bare date meaning midnight UTC.
func parseInstant(_ text: String, option: String) throws -> Instant {
    do {
        return try Instant(iso8601OrDate: text)
    } catch {
        throw ValidationError("\(option): \(error.description)")
    }
}
