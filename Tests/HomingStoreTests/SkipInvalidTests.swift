import Foundation
import HomingCore
import HomingStore
import HomingTestSupport
import Testing

/// `--skip-invalid`: the good rows go in, the bad ones go to a rejects file that, once fixed, imports as it is.
@Suite struct SkipInvalidTests {
    static let orders = """
        \(StoreFixture.ordersHeader)
        s1,c1,2026-06-01T00:00:00Z,10.00,EUR,completed,,
        s2,c1,2026-06-02T00:00:00Z,10.00,EURO,completed,"[{""name"":""Mug, large"",""quantity"":1,""price"":""10.00""}]",
        s3,c2,2026-06-03T00:00:00Z,20.00,EUR,completed,,
        s4,nobody,2026-06-04T00:00:00Z,30.00,EUR,shipped,,PROMO
        s5,c4,2026-06-05T00:00:00Z,40.00,EUR,completed,,

        """

    @Test func goodRowsAreImportedAndBadOnesWrittenToTheRejectsFile() throws {
        let shop = try StoreFixture()
        try shop.importCustomers(ImportUpsertTests.customers)
        let report = try shop.importOrders(Self.orders, skipInvalid: true)
        #expect(report.applied)
        #expect(report.rows == 5)
        #expect(report.rejected == 2)
        #expect(report.issueCount == 3)
        #expect(report.counts == UpsertCounts(inserted: 3, updated: 0, unchanged: 0))
        let rejectsPath = try #require(report.rejectsPath)
        #expect(rejectsPath == shop.path("orders.csv") + ".rejects.csv")

        let activity = try shop.activity()
        #expect(activity["c1"]?.monetaryMinor == 1_000)
        #expect(activity["c2"]?.monetaryMinor == 2_000)
        #expect(activity["c4"]?.monetaryMinor == 4_000)

        let rows = try CSVFile.rows(atPath: rejectsPath)
        #expect(
            rows.first == StoreFixture.ordersHeader.split(separator: ",").map(String.init) + [
                "reject_line", "reject_reason",
            ]
        )
        #expect(rows.count == 3)
        let s2 = rows[1]
        #expect(
            Array(s2.prefix(8)) == [
                "s2", "c1", "2026-06-02T00:00:00Z", "10.00", "EURO", "completed",
                "[{\"name\":\"Mug, large\",\"quantity\":1,\"price\":\"10.00\"}]", "",
            ]
        )
        #expect(s2[8] == "3")
        #expect(s2[9] == "currency: \"EURO\" is not an ISO 4217 code")
        let s4 = rows[2]
        #expect(s4[0] == "s4")
        #expect(s4[8] == "5")
        #expect(s4[9].contains("status: \"shipped\""))
        #expect(s4[9].contains("customer_id: \"nobody\""))
    }

    @Test func fixedRejectsFileReimports() throws {
        let shop = try StoreFixture()
        try shop.importCustomers(ImportUpsertTests.customers)
        let report = try shop.importOrders(Self.orders, skipInvalid: true)
        let rejectsPath = try #require(report.rejectsPath)
        let fixed = try String(contentsOfFile: rejectsPath, encoding: .utf8)
            .replacingOccurrences(of: ",EURO,", with: ",EUR,")
            .replacingOccurrences(of: ",nobody,", with: ",c3,")
            .replacingOccurrences(of: ",shipped,", with: ",completed,")
        let again = try shop.importOrders(fixed, name: "orders-fixed.csv")
        #expect(again.applied, "\(again.issues)")
        #expect(again.counts == UpsertCounts(inserted: 2, updated: 0, unchanged: 0))
        #expect(again.warnings.contains { $0.contains("reject_line") && $0.contains("reject_reason") })
        #expect(try shop.completedOrders().count == 5)  // s1–s5
        #expect(try shop.activity()["c3"]?.monetaryMinor == 3_000)
    }

    @Test func nothingRejectedMeansNoRejectsFile() throws {
        let shop = try StoreFixture()
        try shop.importCustomers(ImportUpsertTests.customers)
        let report = try shop.importOrders(ImportUpsertTests.orders, skipInvalid: true)
        #expect(report.applied)
        #expect(report.rejected == 0)
        #expect(report.rejectsPath == nil)
        #expect(!FileManager.default.fileExists(atPath: shop.path("orders.csv") + ".rejects.csv"))
    }

    @Test func skippedCustomersAreRejectedWithTheirReasons() throws {
        let shop = try StoreFixture()
        let text = """
            customer_id,phone,email
            k1,+33612345678,k1@example.com
            k2,12345,k2@example.com
            k3,,k3@

            """
        let report = try shop.importCustomers(text, skipInvalid: true)
        #expect(report.counts.inserted == 1)
        #expect(Set(try shop.store.customerKeys().keys) == ["k1"])
        let rows = try CSVFile.rows(atPath: try #require(report.rejectsPath))
        #expect(rows.map { $0.first } == ["customer_id", "k2", "k3"])
        #expect(rows[1].count == 5)
        #expect(rows[1][3] == "3")
        #expect(rows[1][4].hasPrefix("phone: "))
        #expect(rows[2][3] == "4")
        #expect(rows[2][4].hasPrefix("email: "))
    }
}
