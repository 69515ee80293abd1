import HomingCore
import HomingStore
import Testing

/// By default an import is all or nothing: one bad row and nothing is written, with every problem listed.
@Suite struct RefusedImportTests {
    private func shopWithCustomers() throws -> StoreFixture {
        let shop = try StoreFixture()
        try shop.importCustomers(ImportUpsertTests.customers)
        try shop.importOrders(ImportUpsertTests.orders)
        return shop
    }

    @Test func oneBadOrderAmongGoodOnesWritesNothing() throws {
        let shop = try shopWithCustomers()
        let before = try shop.completedOrders()
        let activity = try shop.activity()
        let text = """
            \(StoreFixture.ordersHeader)
            o10,c1,2026-06-01T00:00:00Z,10.00,EUR,completed,,
            o11,c4,2026-06-02T00:00:00Z,11.00,EUR,completed,,
            o12,c4,2026-06-03T00:00:00Z,12.00,EURO,completed,,
            o13,c3,2026-06-04T00:00:00Z,13.00,EUR,completed,,
            o1,c1,2026-01-10T09:00:00+01:00,1.00,EUR,refunded,,

            """
        let report = try shop.importOrders(text)
        #expect(!report.applied)
        #expect(report.rows == 5)
        #expect(report.rejected == 1)
        #expect(report.issueCount == 1)
        #expect(
            StoreFixture.formatted(report, file: "orders.csv") == [
                "orders.csv:4: currency: \"EURO\" is not an ISO 4217 code"
            ]
        )
        // Neither the new orders nor the change to o1 were written.
        #expect(try shop.completedOrders() == before)
        #expect(try shop.activity() == activity)
        #expect(try shop.importOrders(ImportUpsertTests.orders).counts.unchanged == 5)
    }

    @Test func oneBadCustomerAmongGoodOnesWritesNothing() throws {
        let shop = try shopWithCustomers()
        let text = """
            \(StoreFixture.customersHeader)
            c20,new@example.com,,,,,,,,,,,
            c1,changed@example.com,,,,,,,,,,,
            c21,broken@,,,,,,,,,,,

            """
        let report = try shop.importCustomers(text)
        #expect(!report.applied)
        #expect(StoreFixture.formatted(report, file: "customers.csv").count == 1)
        #expect(
            StoreFixture.formatted(report, file: "customers.csv").first?.hasPrefix("customers.csv:4: email: ") == true
        )
        #expect(Set(try shop.store.customerKeys().keys) == ["c1", "c2", "c3", "c4"])
        #expect(
            try shop.importCustomers(ImportUpsertTests.customers).counts
                == UpsertCounts(inserted: 0, updated: 0, unchanged: 4)
        )
    }

    @Test func refusalAfterManyGoodBatchesWritesNothing() throws {
        let shop = try shopWithCustomers()
        // More good rows than one batch holds, so some batches reach the writer before the bad row shows up.
        var text = StoreFixture.ordersHeader + "\n"
        for index in 0..<20_000 { text += "bulk\(index),c4,2026-07-01T00:00:00Z,1.00,EUR,completed,,\n" }
        text += "bad,c4,2026-07-01T00:00:00Z,1.00,EUR,shipped,,\n"
        let report = try shop.importOrders(text)
        #expect(!report.applied)
        #expect(
            StoreFixture.formatted(report, file: "orders.csv").first?.hasPrefix("orders.csv:20002: status: ") == true
        )
        #expect(try shop.activity()["c4"] == nil)
        #expect(try shop.completedOrders().count == 3)
    }

    @Test func lineNumbersArePhysicalLinesEvenAfterAQuotedNewline() throws {
        let shop = try shopWithCustomers()
        let text = """
            \(StoreFixture.ordersHeader)
            o20,c1,2026-06-01T00:00:00Z,10.00,EUR,completed,"[{""name"":""Two-line mug"",
            ""quantity"":1,""price"":""10.00""}]",
            o21,c1,2026-06-02T00:00:00Z,10.00,EUR,shipped,,
            o22,c1,"2026-06-03T00:00:00Z",10.00,EUR,completed,,"A
            B
            C"
            o23,c1,2026-06-04T00:00:00Z,10.001,EUR,completed,,

            """
        let report = try shop.importOrders(text)
        #expect(!report.applied)
        let lines = StoreFixture.formatted(report, file: "orders.csv")
        #expect(lines.count == 2)
        #expect(lines.first?.hasPrefix("orders.csv:4: status: \"shipped\"") == true)
        #expect(lines.last?.hasPrefix("orders.csv:8: amount: \"10.001\"") == true)
    }

    @Test func onlyTheFirstTwentyIssuesAreKeptButAllAreCounted() throws {
        let shop = try shopWithCustomers()
        var text = StoreFixture.ordersHeader + "\n"
        text += "ok1,c1,2026-06-01T00:00:00Z,1.00,EUR,completed,,\n"  // line 2
        for index in 0..<30 {  // lines 3…32, one problem each
            text += "bad\(index),c1,2026-06-01T00:00:00Z,1.00,EUR,lost,,\n"
        }
        text += "two,nobody,2026-06-01T00:00:00Z,1.00,EURO,completed,,\n"  // line 33: two problems
        let report = try shop.importOrders(text)
        #expect(!report.applied)
        #expect(report.rows == 32)
        #expect(report.rejected == 31)
        #expect(report.issueCount == 32)
        #expect(report.issues.count == 20)
        #expect(report.issues.map(\.line) == Array(3...22))
        #expect(report.issues.allSatisfy { $0.field == "status" })
    }

    @Test func bothProblemsOfOneRowAreReported() throws {
        let shop = try shopWithCustomers()
        let text = StoreFixture.ordersHeader + "\nx1,nobody,2026-06-01T00:00:00Z,1.00,EURO,completed,,\n"
        let report = try shop.importOrders(text)
        #expect(report.issueCount == 2)
        #expect(Set(report.issues.compactMap(\.field)) == ["currency", "customer_id"])
        #expect(report.issues.allSatisfy { $0.line == 2 })
    }
}
