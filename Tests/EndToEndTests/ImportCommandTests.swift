import Foundation
import HomingTestSupport
import Testing

/// `homing import`: summaries, refusal with FILE:LINE: field: messages, stdin, --skip-invalid and HOMING_DB.
@Suite struct ImportCommandTests {
    @Test func importPrintsASummaryAndReimportChangesNothing() throws {
        let shop = try DemoShop(imported: false)
        let customers = try shop.homing(["import", "customers", shop.customersCSV])
        #expect(customers.exitCode == 0, "\(customers)")
        #expect(
            customers.stdout.hasPrefix(
                "\(shop.customersCSV): 300 rows: 300 inserted, 0 updated, 0 unchanged, 0 rejected"
            )
        )
        let orders = try shop.homing(["import", "orders", shop.ordersCSV])
        #expect(orders.exitCode == 0, "\(orders)")
        #expect(
            orders.stdout.hasPrefix("\(shop.ordersCSV): 1,500 rows: 1,500 inserted, 0 updated, 0 unchanged, 0 rejected")
        )
        let again = try shop.homing(["import", "orders", shop.ordersCSV])
        #expect(again.exitCode == 0, "\(again)")
        #expect(
            again.stdout.hasPrefix("\(shop.ordersCSV): 1,500 rows: 0 inserted, 0 updated, 1,500 unchanged, 0 rejected")
        )
    }

    @Test func refusedImportExitsNonZeroAndNamesFileLineAndField() throws {
        let shop = try DemoShop(imported: true)
        let before = try shop.homing(["segments", "--as-of", "2026-11-01", "--json"])
        let text = """
            order_id,customer_id,ordered_at,amount,currency,status,items,promo_code
            n1,c0000001,2026-10-01T00:00:00Z,10.00,EUR,completed,,
            n2,c0000001,2026-10-02T00:00:00Z,10.00,EURO,completed,,
            n3,c0000002,2026-10-03T00:00:00Z,10.00,EUR,shipped,,

            """
        try Data(text.utf8).write(to: shop.url.appendingPathComponent("bad.csv"))
        let run = try shop.homing(["import", "orders", "bad.csv"])
        #expect(run.exitCode != 0)
        #expect(run.stderrLines.contains("bad.csv:3: currency: \"EURO\" is not an ISO 4217 code"), "\(run)")
        #expect(run.stderrLines.contains { $0.hasPrefix("bad.csv:4: status: \"shipped\"") }, "\(run)")
        #expect(run.stderr.contains("nothing was imported"))
        #expect(!run.stdout.contains("inserted"))
        // Nothing changed: n1 was valid but is not in the store.
        let after = try shop.homing(["segments", "--as-of", "2026-11-01", "--json"])
        #expect(after.stdout == before.stdout)
    }

    @Test func moreThanTwentyProblemsArePrintedAsTwentyAndACount() throws {
        let shop = try DemoShop(imported: true)
        var text = "order_id,customer_id,ordered_at,amount,currency,status\n"
        for index in 0..<25 { text += "z\(index),c0000001,2026-10-01T00:00:00Z,1.00,EUR,lost\n" }
        try Data(text.utf8).write(to: shop.url.appendingPathComponent("many.csv"))
        let run = try shop.homing(["import", "orders", "many.csv"])
        #expect(run.exitCode != 0)
        #expect(run.stderrLines.filter { $0.hasPrefix("many.csv:") && $0.contains(": status: ") }.count == 20, "\(run)")
        #expect(run.stderr.contains("… and 5 more problems"), "\(run)")
    }

    @Test func ordersFromStandardInput() throws {
        let shop = try DemoShop(imported: false)
        #expect(try shop.homing(["import", "customers", shop.customersCSV]).exitCode == 0)
        let run = try shop.homing(
            ["import", "orders", "-"],
            stdin: try Data(contentsOf: URL(fileURLWithPath: shop.ordersCSV))
        )
        #expect(run.exitCode == 0, "\(run)")
        #expect(run.stdout.hasPrefix("stdin: 1,500 rows: 1,500 inserted"), "\(run)")
        let again = try shop.homing(["import", "orders", shop.ordersCSV])
        #expect(again.stdout.contains("1,500 unchanged"), "\(again)")
    }

    @Test func badRowsFromStandardInputAreNamedStdin() throws {
        let shop = try DemoShop(imported: true)
        let text =
            "order_id,customer_id,ordered_at,amount,currency,status\nq1,nobody,2026-10-01T00:00:00Z,1.00,EUR,completed\n"
        let run = try shop.homing(["import", "orders", "-"], stdin: Data(text.utf8))
        #expect(run.exitCode != 0)
        #expect(run.stderrLines.contains { $0.hasPrefix("stdin:2: customer_id: \"nobody\"") }, "\(run)")
    }

    @Test func skipInvalidWritesTheRejectsFileNextToTheInput() throws {
        let shop = try DemoShop(imported: true)
        let text = """
            order_id,customer_id,ordered_at,amount,currency,status
            v1,c0000001,2026-10-01T00:00:00Z,1.00,EUR,completed
            v2,c0000001,2026-10-01T00:00:00Z,1.005,EUR,completed

            """
        try Data(text.utf8).write(to: shop.url.appendingPathComponent("some.csv"))
        let run = try shop.homing(["import", "orders", "some.csv", "--skip-invalid"])
        #expect(run.exitCode == 0, "\(run)")
        #expect(run.stdout.contains("1 inserted"))
        #expect(run.stdout.contains("1 rejected"))
        let rejects = try CSVFile.rows(atPath: shop.url.appendingPathComponent("some.csv.rejects.csv").path)
        #expect(rejects.first?.suffix(2) == ["reject_line", "reject_reason"])
        #expect(rejects.count == 2)
        #expect(rejects.last?.first == "v2")
        #expect(rejects.last?.dropLast().last == "3")
    }

    @Test func homingDBEnvironmentVariableIsHonouredWithoutDB() throws {
        let shop = try DemoShop(imported: false)
        let envDB = shop.url.appendingPathComponent("from-env/store.db").path
        let config = ["--config", RepositoryPaths.config.path]
        let run = try shop.run(["import", "customers", shop.customersCSV] + config, environment: ["HOMING_DB": envDB])
        #expect(run.exitCode == 0, "\(run)")
        #expect(FileManager.default.fileExists(atPath: envDB))
        #expect(!FileManager.default.fileExists(atPath: shop.url.appendingPathComponent("homing.db").path))
        // The same store, named with --db, holds the 300 customers (all prospects: no orders yet).
        let segments = try shop.run(["segments", "--json", "--db", envDB] + config)
        let json = try #require(try DemoShop.json(segments) as? [String: Any])
        #expect(json["prospects"] as? Int == 300)
        // --db wins over HOMING_DB.
        let other = shop.url.appendingPathComponent("other.db").path
        let both = try shop.run(
            ["segments", "--json", "--db", other] + config,
            environment: ["HOMING_DB": envDB]
        )
        #expect((try DemoShop.json(both) as? [String: Any])?["prospects"] as? Int == 0)
    }

    @Test func missingConfigDirectoryIsAnError() throws {
        let shop = try DemoShop(imported: false)
        let missing = shop.url.appendingPathComponent("nowhere").path
        let run = try shop.run(["import", "customers", shop.customersCSV, "--db", shop.db, "--config", missing])
        #expect(run.exitCode != 0)
        #expect(run.stderr.contains("\(missing): no such configuration directory"), "\(run)")
    }
}

/// Where `homing` finds its configuration and store when not told.
@Suite struct DefaultLocationsTests {
    @Test func withoutConfigTheBuiltInDefaultsGiveTheSameResult() throws {
        let shop = try DemoShop(imported: true)
        let withConfig = try shop.homing(["segments", "--as-of", "2026-11-01", "--json"])
        // The shop directory has no ./config, so the compiled-in copy of config/ is used.
        let builtIn = try shop.run(["segments", "--as-of", "2026-11-01", "--json", "--db", shop.db])
        #expect(builtIn.exitCode == 0, "\(builtIn)")
        #expect(builtIn.stdout == withConfig.stdout)
    }

    @Test func storePathComesFromHomingYAMLLast() throws {
        let shop = try DemoShop(imported: false)
        let config = shop.url.appendingPathComponent("config")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        let homing = try String(
            contentsOf: RepositoryPaths.config.appendingPathComponent("homing.yaml"),
            encoding: .utf8
        )
        .replacingOccurrences(of: "path: homing.db", with: "path: from-yaml.db")
        try Data(homing.utf8).write(to: config.appendingPathComponent("homing.yaml"))
        try Data(contentsOf: RepositoryPaths.config.appendingPathComponent("segments.yaml"))
            .write(to: config.appendingPathComponent("segments.yaml"))
        // ./config is picked up from the working directory, and its store.path names the store.
        let run = try shop.run(["import", "customers", shop.customersCSV])
        #expect(run.exitCode == 0, "\(run)")
        #expect(FileManager.default.fileExists(atPath: shop.url.appendingPathComponent("from-yaml.db").path))
        #expect(!FileManager.default.fileExists(atPath: shop.db))
    }

    @Test func missingInputFileIsAnError() throws {
        let shop = try DemoShop(imported: false)
        let run = try shop.homing(["import", "orders", "no-such.csv"])
        #expect(run.exitCode != 0)
        #expect(run.stderr.contains("no-such.csv: cannot open"), "\(run)")
    }

    @Test func badAsOfIsRefused() throws {
        let shop = try DemoShop(imported: true)
        let run = try shop.homing(["segments", "--as-of", "2026-11-01T00:00:00"])
        #expect(run.exitCode != 0)
        #expect(run.stderr.contains("--as-of"), "\(run)")
    }
}

/// Two `homing import` processes writing the same store at once: one waits for the other, neither fails.
@Suite struct ConcurrentImportTests {
    @Test func twoOrderImportsAtOnceBothLand() throws {
        let shop = try DemoShop(imported: false)
        #expect(try shop.homing(["import", "customers", shop.customersCSV]).exitCode == 0)
        let lines = try String(contentsOfFile: shop.ordersCSV, encoding: .utf8).split(separator: "\n")
        let header = lines[0]
        // Order rows hold no newline (items are one-line JSON), so halves are whole records.
        let halves = [lines[1..<751], lines[751...]]
        let files = halves.enumerated().map { index, rows in
            let path = shop.url.appendingPathComponent("half\(index).csv").path
            try? Data(([header] + rows).joined(separator: "\n").appending("\n").utf8).write(
                to: URL(fileURLWithPath: path)
            )
            return path
        }
        let results = ResultBox()
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            let run = Result { try shop.homing(["import", "orders", files[index]]) }
            results.set(index, run)
        }
        for index in 0..<2 {
            let run = try #require(results.get(index)).get()
            #expect(run.exitCode == 0, "\(run)")
        }
        let again = try shop.homing(["import", "orders", shop.ordersCSV])
        #expect(again.stdout.contains("0 inserted, 0 updated, 1,500 unchanged"), "\(again)")
    }
}

/// Results written from concurrent threads.
private final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Int: Result<HomingRun, any Error>] = [:]

    func set(_ index: Int, _ result: Result<HomingRun, any Error>) { lock.withLock { results[index] = result } }
    func get(_ index: Int) -> Result<HomingRun, any Error>? { lock.withLock { results[index] } }
}
