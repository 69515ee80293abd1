import Foundation
import HomingTestSupport
import Testing

/// `homing metrics --json`: the documented keys, consistent values, and a list per segment.
@Suite struct MetricsCommandTests {
    static let keys: Set<String> = [
        "buyers", "orders", "revenue", "repeat_customer_rate", "purchase_frequency", "average_order_value",
        "customer_value", "annual_customer_value", "average_lifespan_years", "clv", "retention_rate", "churn_rate",
    ]

    private func number(_ object: [String: Any], _ key: String) -> Double? {
        (object[key] as? NSNumber)?.doubleValue
    }

    @Test func jsonHasExactlyTheDocumentedKeys() throws {
        let shop = try DemoShop(imported: true)
        let run = try shop.homing(["metrics", "--to", "2026-11-01", "--json"])
        #expect(run.exitCode == 0, "\(run)")
        let json = try #require(try DemoShop.json(run) as? [String: Any])
        #expect(Set(json.keys) == Self.keys)
        let buyers = try #require(json["buyers"] as? Int)
        let orders = try #require(json["orders"] as? Int)
        #expect(buyers > 0)
        #expect(orders >= buyers)
        #expect(orders <= DemoShop.orders)
        let revenue = try #require(number(json, "revenue"))
        let frequency = try #require(number(json, "purchase_frequency"))
        let aov = try #require(number(json, "average_order_value"))
        #expect(abs(frequency - Double(orders) / Double(buyers)) < 1e-9)
        #expect(abs(aov - revenue / Double(orders)) < 1e-6)
        #expect(abs(try #require(number(json, "customer_value")) - aov * frequency) < 1e-6)
        let retention = try #require(number(json, "retention_rate"))
        #expect(abs(try #require(number(json, "churn_rate")) - (1 - retention)) < 1e-9)
        let repeatRate = try #require(number(json, "repeat_customer_rate"))
        #expect((0...1).contains(repeatRate))
    }

    @Test func bySegmentIsAListWhoseBuyersAddUp() throws {
        let shop = try DemoShop(imported: true)
        let all = try #require(
            try DemoShop.json(try shop.homing(["metrics", "--to", "2026-11-01", "--json"])) as? [String: Any]
        )
        let run = try shop.homing(["metrics", "--to", "2026-11-01", "--by", "segment", "--json"])
        #expect(run.exitCode == 0, "\(run)")
        let list = try #require(try DemoShop.json(run) as? [[String: Any]])
        #expect(!list.isEmpty)
        for entry in list {
            #expect(Set(entry.keys) == Self.keys.union(["segment"]))
            #expect(SegmentsCommandTests.segmentNames.contains(entry["segment"] as? String ?? ""))
        }
        #expect(list.compactMap { $0["buyers"] as? Int }.reduce(0, +) == all["buyers"] as? Int)
        #expect(list.compactMap { $0["orders"] as? Int }.reduce(0, +) == all["orders"] as? Int)
    }

    @Test func emptyWindowGivesNullRates() throws {
        let shop = try DemoShop(imported: true)
        let run = try shop.homing(["metrics", "--from", "2010-01-01", "--to", "2011-01-01", "--json"])
        #expect(run.exitCode == 0, "\(run)")
        let json = try #require(try DemoShop.json(run) as? [String: Any])
        #expect(json["buyers"] as? Int == 0)
        #expect(json["orders"] as? Int == 0)
        for key in [
            "repeat_customer_rate", "purchase_frequency", "average_order_value", "retention_rate", "churn_rate",
        ] {
            #expect(json[key] is NSNull, "\(key) should be null")
        }
    }

    @Test func fromAfterToIsRefused() throws {
        let shop = try DemoShop(imported: true)
        let run = try shop.homing(["metrics", "--from", "2026-11-02", "--to", "2026-11-01", "--json"])
        #expect(run.exitCode != 0)
        #expect(run.stderr.contains("--from must be before --to"), "\(run)")
    }
}
