import Foundation
import HomingStore
import HomingTestSupport
import Testing

/// `homing segments` on the imported demo shop: JSON, the per-customer CSV and saved snapshots.
@Suite struct SegmentsCommandTests {
    static let segmentNames = [
        "lost", "hibernating", "at_risk", "cannot_lose", "about_to_sleep", "need_attention", "loyal", "promising",
        "new_customers", "potential_loyalist", "champions",
    ]

    @Test func jsonListsTheElevenSegmentsAndAccountsForEveryCustomer() throws {
        let shop = try DemoShop(imported: true)
        let run = try shop.homing(["segments", "--as-of", "2026-11-01", "--json"])
        #expect(run.exitCode == 0, "\(run)")
        let json = try #require(try DemoShop.json(run) as? [String: Any])
        #expect(json["as_of"] as? String == "2026-11-01T00:00:00Z")
        #expect(json["method"] as? String == "quantile")
        #expect(json["base_currency"] as? String == "EUR")
        let scored = try #require(json["scored"] as? Int)
        let prospects = try #require(json["prospects"] as? Int)
        #expect(scored + prospects == DemoShop.customers)
        #expect(scored > 0)
        let segments = try #require(json["segments"] as? [[String: Any]])
        #expect(segments.compactMap { $0["segment"] as? String } == Self.segmentNames)
        #expect(segments.compactMap { $0["customers"] as? Int }.reduce(0, +) == scored)
        let shares = segments.compactMap { ($0["share"] as? NSNumber)?.doubleValue }
        #expect(shares.count == 11)
        #expect(abs(shares.reduce(0, +) - 1) < 1e-9)
    }

    @Test func csvHasTheDocumentedHeaderAndMatchesTheOrdersFile() throws {
        let shop = try DemoShop(imported: true)
        let csv = shop.url.appendingPathComponent("scores.csv").path
        let run = try shop.homing(["segments", "--as-of", "2026-11-01", "--json", "--csv", csv])
        #expect(run.exitCode == 0, "\(run)")
        let scored = try #require((try DemoShop.json(run) as? [String: Any])?["scored"] as? Int)
        let text = try String(contentsOfFile: csv, encoding: .utf8)
        #expect(text.hasPrefix("customer_id,recency_days,frequency,monetary,r,f,m,segment\n"))
        let rows = try CSVFile.rows(text: text).dropFirst()
        #expect(rows.count == scored)
        let monetary = try Regex("^[0-9]+\\.[0-9]{2}$")
        for row in rows {
            #expect(row.count == 8)
            #expect(row[3].wholeMatch(of: monetary) != nil, "monetary \(row[3])")
            for score in row[4...6] { #expect(["1", "2", "3", "4", "5"].contains(score)) }
            #expect(Self.segmentNames.contains(row[7]))
        }
        // Rows are sorted by customer id, byte-wise.
        let ids = rows.map { $0[0] }
        #expect(ids == ids.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })

        // Brute force from orders.csv: completed orders at or before as_of, per customer.
        let asOf = try #require(Self.date("2026-11-01T00:00:00Z"))
        var frequency: [String: Int] = [:]
        var last: [String: Date] = [:]
        for order in try CSVFile.rows(atPath: shop.ordersCSV).dropFirst() where order[5] == "completed" {
            let orderedAt = try #require(Self.date(order[2]), "\(order[2])")
            guard orderedAt <= asOf else { continue }
            frequency[order[1], default: 0] += 1
            last[order[1]] = max(last[order[1]] ?? orderedAt, orderedAt)
        }
        #expect(Set(ids) == Set(frequency.keys))
        for row in rows {
            #expect(Int(row[2]) == frequency[row[0]], "frequency of \(row[0])")
            let days = Int((asOf.timeIntervalSince(last[row[0]] ?? asOf) / 86_400).rounded(.down))
            #expect(Int(row[1]) == days, "recency of \(row[0])")
        }
    }

    @Test func saveStoresASnapshot() throws {
        let shop = try DemoShop(imported: true)
        #expect(try SQLiteStore(path: shop.db).latestSegmentSnapshot() == nil)
        let run = try shop.homing(["segments", "--as-of", "2026-11-01", "--save"])
        #expect(run.exitCode == 0, "\(run)")
        let line = try #require(run.stderrLines.first { $0.hasPrefix("saved segment snapshot ") }, "\(run)")
        #expect(line.contains("as of 2026-11-01T00:00:00Z"))
        let latest = try #require(try SQLiteStore(path: shop.db).latestSegmentSnapshot())
        #expect(line.hasPrefix("saved segment snapshot \(latest.id) "))
        #expect(latest.asOf.iso8601 == "2026-11-01T00:00:00Z")
    }

    @Test func withoutSaveNoSnapshotIsStored() throws {
        let shop = try DemoShop(imported: true)
        let run = try shop.homing(["segments", "--as-of", "2026-11-01"])
        #expect(run.exitCode == 0, "\(run)")
        #expect(run.stdout.contains("champions"))
        #expect(try SQLiteStore(path: shop.db).latestSegmentSnapshot() == nil)
    }

    private static func date(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }
}
