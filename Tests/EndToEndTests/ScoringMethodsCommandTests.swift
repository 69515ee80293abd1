import Foundation
import HomingTestSupport
import Testing

/// `homing segments --csv` under each scoring method, checked against DESIGN.md §4.3 recomputed from the CSV's
/// own recency, frequency and monetary columns.
@Suite struct ScoringMethodsCommandTests {
    struct Row {
        var id: String
        var recencyDays: Int
        var frequency: Int
        var monetaryCents: Int
        var r: Int
        var f: Int
        var m: Int
        var segment: String
    }

    /// Runs `segments --csv` with a copy of the shipped config whose method is `method`.
    private func scores(method: String) throws -> [Row] {
        let shop = try DemoShop(imported: true)
        let config = shop.url.appendingPathComponent("config-\(method)")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        let homing = try String(
            contentsOf: RepositoryPaths.config.appendingPathComponent("homing.yaml"),
            encoding: .utf8
        )
        let segments = try String(
            contentsOf: RepositoryPaths.config.appendingPathComponent("segments.yaml"),
            encoding: .utf8
        )
        try Data(homing.utf8).write(to: config.appendingPathComponent("homing.yaml"))
        let chosen = segments.replacingOccurrences(of: "method: quantile", with: "method: \(method)")
        try Data(chosen.utf8).write(to: config.appendingPathComponent("segments.yaml"))
        let csv = shop.url.appendingPathComponent("scores.csv").path
        let run = try shop.run([
            "segments", "--as-of", "2026-11-01", "--json", "--csv", csv, "--db", shop.db, "--config", config.path,
        ])
        #expect(run.exitCode == 0, "\(run)")
        let json = try #require(try DemoShop.json(run) as? [String: Any])
        #expect(json["method"] as? String == method)
        return try CSVFile.rows(atPath: csv).dropFirst().map { row in
            Row(
                id: row[0],
                recencyDays: try #require(Int(row[1])),
                frequency: try #require(Int(row[2])),
                monetaryCents: try #require(Int(row[3].replacingOccurrences(of: ".", with: ""))),
                r: try #require(Int(row[4])),
                f: try #require(Int(row[5])),
                m: try #require(Int(row[6])),
                segment: row[7]
            )
        }
    }

    /// DESIGN.md §4.3's default table.
    private func designSegment(_ r: Int, _ f: Int, _ m: Int) -> String {
        if r <= 2 && f <= 2 && m <= 2 { return "lost" }
        if r <= 2 && f <= 2 { return "hibernating" }
        if r <= 2 && f <= 4 { return "at_risk" }
        if r <= 2 { return "cannot_lose" }
        if r == 3 && f <= 2 { return "about_to_sleep" }
        if r == 3 && f == 3 { return "need_attention" }
        if r <= 4 && f >= 4 { return "loyal" }
        if r == 4 && f == 1 { return "promising" }
        if r == 5 && f == 1 { return "new_customers" }
        if f <= 3 { return "potential_loyalist" }
        return "champions"
    }

    @Test func quantileScoresFollowTheFormula() throws {
        let rows = try scores(method: "quantile")
        let n = rows.count
        #expect(n > 0)
        for row in rows {
            // "Better" is less recency, more frequency, more money; `below` counts customers strictly worse.
            let belowR = rows.filter { $0.recencyDays > row.recencyDays }.count
            let belowF = rows.filter { $0.frequency < row.frequency }.count
            let belowM = rows.filter { $0.monetaryCents < row.monetaryCents }.count
            #expect(row.r == 1 + 5 * belowR / n, "r of \(row.id)")
            #expect(row.f == 1 + 5 * belowF / n, "f of \(row.id)")
            #expect(row.m == 1 + 5 * belowM / n, "m of \(row.id)")
            #expect(row.segment == designSegment(row.r, row.f, row.m), "segment of \(row.id)")
        }
    }

    @Test func ntileScoresFollowSQLNtile() throws {
        let rows = try scores(method: "ntile")
        let n = rows.count
        #expect(n > 0)
        // NTILE(5): the first n % 5 buckets hold one more; worse values first, ties by customer id (bytes).
        func expected(_ worseFirst: (Row, Row) -> Bool?) -> [String: Int] {
            let ordered = rows.sorted { a, b in worseFirst(a, b) ?? a.id.utf8.lexicographicallyPrecedes(b.id.utf8) }
            var result: [String: Int] = [:]
            var position = 0
            for bucket in 1...5 {
                let size = n / 5 + (bucket <= n % 5 ? 1 : 0)
                for row in ordered[position..<position + size] { result[row.id] = bucket }
                position += size
            }
            return result
        }
        let r = expected { a, b in a.recencyDays == b.recencyDays ? nil : a.recencyDays > b.recencyDays }
        let f = expected { a, b in a.frequency == b.frequency ? nil : a.frequency < b.frequency }
        let m = expected { a, b in a.monetaryCents == b.monetaryCents ? nil : a.monetaryCents < b.monetaryCents }
        for row in rows {
            #expect(row.r == r[row.id], "r of \(row.id)")
            #expect(row.f == f[row.id], "f of \(row.id)")
            #expect(row.m == m[row.id], "m of \(row.id)")
            #expect(row.segment == designSegment(row.r, row.f, row.m), "segment of \(row.id)")
        }
    }

    @Test func thresholdScoresFollowTheShippedCutPoints() throws {
        let rows = try scores(method: "thresholds")
        #expect(!rows.isEmpty)
        // segments.yaml: recency_days [30, 90, 180, 365], frequency [1, 2, 4, 8], monetary [50, 150, 400, 1000] EUR.
        func band(_ value: Int, _ cuts: [Int]) -> Int { 1 + cuts.filter { value > $0 }.count }
        for row in rows {
            #expect(row.r == 6 - band(row.recencyDays, [30, 90, 180, 365]), "r of \(row.id)")
            #expect(row.f == band(row.frequency, [1, 2, 4, 8]), "f of \(row.id)")
            #expect(row.m == band(row.monetaryCents, [5_000, 15_000, 40_000, 100_000]), "m of \(row.id)")
            #expect(row.segment == designSegment(row.r, row.f, row.m), "segment of \(row.id)")
        }
    }
}
