import Foundation
import HomingTestSupport
import Testing

/// `homing demo-data` is deterministic and writes files in the import format.
@Suite struct DemoDataCommandTests {
    @Test func sameArgumentsGiveIdenticalBytes() throws {
        let directory = try TemporaryDirectory()
        let first = directory.url.appendingPathComponent("first")
        let second = directory.url.appendingPathComponent("second")
        for out in [first, second] {
            let run = try HomingBinary.run(DemoShop.demoDataArguments(out: out.path), in: directory.url)
            #expect(run.exitCode == 0, "\(run)")
        }
        for name in ["customers.csv", "orders.csv"] {
            let a = try Data(contentsOf: first.appendingPathComponent(name))
            let b = try Data(contentsOf: second.appendingPathComponent(name))
            #expect(!a.isEmpty)
            #expect(a == b, "\(name) differs between two runs with the same arguments")
        }
    }

    @Test func anotherSeedGivesOtherData() throws {
        let directory = try TemporaryDirectory()
        let a = directory.url.appendingPathComponent("a")
        let b = directory.url.appendingPathComponent("b")
        #expect(try HomingBinary.run(DemoShop.demoDataArguments(out: a.path), in: directory.url).exitCode == 0)
        var arguments = DemoShop.demoDataArguments(out: b.path)
        arguments[arguments.firstIndex(of: "--seed")! + 1] = "4"
        #expect(try HomingBinary.run(arguments, in: directory.url).exitCode == 0)
        #expect(
            try Data(contentsOf: a.appendingPathComponent("orders.csv"))
                != Data(contentsOf: b.appendingPathComponent("orders.csv"))
        )
    }

    @Test func filesHaveTheImportHeadersAndRowCounts() throws {
        let shop = try DemoShop(imported: false)
        let customers = try CSVFile.rows(atPath: shop.customersCSV)
        #expect(
            customers.first == [
                "customer_id", "email", "phone", "push_token", "first_name", "last_name", "locale", "timezone",
                "country", "signup_at", "consent_email", "consent_sms", "consent_push",
            ]
        )
        #expect(customers.count == DemoShop.customers + 1)
        #expect(customers.allSatisfy { $0.count == 13 })
        let orders = try CSVFile.rows(atPath: shop.ordersCSV)
        #expect(
            orders.first == [
                "order_id", "customer_id", "ordered_at", "amount", "currency", "status", "items", "promo_code",
            ]
        )
        #expect(orders.count == DemoShop.orders + 1)
        #expect(orders.allSatisfy { $0.count == 8 })
        #expect(Set(orders.dropFirst().map { $0[5] }).isSubset(of: ["completed", "refunded", "cancelled"]))
    }
}
