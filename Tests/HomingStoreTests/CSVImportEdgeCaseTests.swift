import HomingCore
import HomingStore
import Testing

/// RFC 4180 details, seen through the importer: the same data written differently imports to the same rows.
@Suite struct CSVImportEdgeCaseTests {
    /// Customers with a BOM, CRLF line ends, quoted commas, quotes and newlines, and empty optional fields.
    static let awkward =
        "\u{FEFF}\(StoreFixture.customersHeader)\r\n"
        + "q1,\"o'brien+tag@example.ie\",,,\"Seán, Jr.\",\"O\"\"Brien\",en-GB,Europe/Dublin,IE,,true,false,false\r\n"
        + "q2,,,,\"Line\r\nBreak\",\"Multi\nLine\",,,,,,,\r\n"
        + "q3,,,,,,,,,,,,\r\n"

    /// The same customers, LF only, no BOM, columns in another order, and one column Homing does not know.
    static let plain = """
        last_name,customer_id,loyalty_tier,first_name,email,consent_sms,consent_email,consent_push,country,timezone,locale,phone,push_token,signup_at
        "O""Brien",q1,gold,"Seán, Jr.",o'brien+tag@example.ie,false,true,false,IE,Europe/Dublin,en-GB,,,
        "Multi
        Line",q2,,"Line\r
        Break",,,,,,,,,,
        ,q3,,,,,,,,,,,,

        """

    @Test func awkwardFileImports() throws {
        let shop = try StoreFixture()
        let report = try shop.importCustomers(Self.awkward)
        #expect(report.applied, "\(report.issues)")
        #expect(report.rows == 3)
        #expect(report.counts == UpsertCounts(inserted: 3, updated: 0, unchanged: 0))
        #expect(report.warnings.isEmpty)
        #expect(Set(try shop.store.customerKeys().keys) == ["q1", "q2", "q3"])
    }

    @Test func sameDataWrittenDifferentlyIsUnchanged() throws {
        let shop = try StoreFixture()
        try shop.importCustomers(Self.awkward)
        let plain = Self.plain
        let report = try shop.importCustomers(plain, name: "plain.csv")
        #expect(report.applied, "\(report.issues)")
        #expect(report.counts == UpsertCounts(inserted: 0, updated: 0, unchanged: 3))
        #expect(report.warnings.contains { $0.contains("loyalty_tier") })
        // And a real difference inside a quoted multi-line field is seen.
        let changed = plain.replacingOccurrences(of: "\"Multi\nLine\"", with: "\"Multi\nLines\"")
        #expect(try shop.importCustomers(changed, name: "changed.csv").counts.updated == 1)
    }

    @Test func quotedOrderFieldsAndReorderedColumns() throws {
        let shop = try StoreFixture()
        try shop.importCustomers(ImportUpsertTests.customers)
        let text =
            "\u{FEFF}status,amount,currency,customer_id,order_id,ordered_at,promo_code,items,channel\r\n"
            + "completed,12.50,EUR,c4,\"q,1\",2026-05-01T10:00:00+02:00,,\"[{\"\"name\"\":\"\"Mug, \\\"\"XL\\\"\"\"\",\"\"quantity\"\":1,\"\"price\"\":\"\"12.50\"\"}]\",web\r\n"
            + "completed,\"7.50\",EUR,\"c4\",q2,2026-05-02T10:00:00Z,\"SAVE,10\",,app\r\n"
        let report = try shop.importOrders(text)
        #expect(report.applied, "\(report.issues)")
        #expect(report.counts.inserted == 2)
        #expect(report.warnings == ["ignoring unknown column(s) channel"])
        let c4 = try #require(try shop.activity()["c4"])
        #expect(c4.completedOrders == 2)
        #expect(c4.monetaryMinor == 2_000)
        #expect(c4.firstOrderAt == at("2026-05-01T08:00:00Z"))
        // The same rows, in the documented column order with LF, are unchanged.
        let plain =
            StoreFixture.ordersHeader + "\n"
            + "\"q,1\",c4,2026-05-01T08:00:00Z,12.50,EUR,completed,\"[{\"\"name\"\":\"\"Mug, \\\"\"XL\\\"\"\"\",\"\"quantity\"\":1,\"\"price\"\":\"\"12.50\"\"}]\",\n"
            + "q2,c4,2026-05-02T10:00:00Z,7.50,EUR,completed,,\"SAVE,10\"\n"
        #expect(try shop.importOrders(plain, name: "plain.csv").counts.unchanged == 2)
    }

    @Test func missingFinalNewlineAndBlankLines() throws {
        let shop = try StoreFixture()
        let report = try shop.importCustomers("customer_id,email\n\nb1,b1@example.com\n\nb2,")
        #expect(report.applied)
        #expect(report.counts.inserted == 2)
    }

    @Test func headerWithoutRequiredColumnIsAnImportError() throws {
        let shop = try StoreFixture()
        #expect(throws: ImportError.self) { try shop.importCustomers("email,phone\na@example.com,\n") }
    }

    @Test func brokenQuotingNamesTheLine() throws {
        let shop = try StoreFixture()
        do {
            try shop.importCustomers("customer_id,email\nu1,u1@example.com\nu2,\"open\nu3,x\n")
            Issue.record("an unclosed quote should fail the import")
        } catch let error as ImportError {
            #expect(error.description.contains("customers.csv:3: "))
        }
        #expect(try shop.store.customerKeys().isEmpty)
    }
}
