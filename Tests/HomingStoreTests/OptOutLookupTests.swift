import GRDB
import Testing

/// Provider opt-outs find customers by address through an index, not a scan of every customer:
/// they run inside the write transaction that webhooks and the dispatcher share.
@Suite struct OptOutLookupTests {
    @Test(arguments: [
        ("UPDATE customers SET consent_sms = 0 WHERE consent_sms = 1 AND phone = ?", "customers_by_phone"),
        (
            "UPDATE customers SET consent_email = 0 WHERE consent_email = 1 AND email = ? COLLATE NOCASE",
            "customers_by_email"
        ),
    ])
    func addressLookupsUseTheirIndex(sql: String, index: String) throws {
        let shop = try StoreFixture()
        try shop.importCustomers(
            StoreFixture.customersHeader + "\nc1,Ann@Example.com,+33612345678,,,,,,,,true,true,false\n"
        )
        let database = try DatabaseQueue(path: shop.path("homing.db"))
        let plan = try database.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: ["+33612345678"])
                .map { row -> String in row["detail"] }
        }
        #expect(plan.contains { $0.contains("USING INDEX \(index)") }, "plan: \(plan)")
    }
}
