import HomingCore
import HomingStore
import Testing

/// Every kind of bad value is refused, once, at its line and column, with a message naming the value.
@Suite struct ValidationErrorTests {
    private static let goodCustomer = [
        "customer_id": "c9", "email": "zoe@example.fr", "phone": "+33612345678", "push_token": "",
        "first_name": "Zoé", "last_name": "Martin", "locale": "fr-CA", "timezone": "America/Toronto",
        "country": "CA", "signup_at": "2026-03-05T14:22:10-05:00", "consent_email": "true", "consent_sms": "false",
        "consent_push": "false",
    ]

    private static let goodOrder = [
        "order_id": "o9", "customer_id": "c1", "ordered_at": "2026-03-05T14:22:10+01:00", "amount": "45.90",
        "currency": "EUR", "status": "completed", "items": "", "promo_code": "",
    ]

    private static func row(_ fields: [String: String], header: String) -> String {
        header.split(separator: ",").map { column in
            let value = fields[String(column)] ?? ""
            return value.contains(",") || value.contains("\"")
                ? "\"\(value.replacingOccurrences(of: "\"", with: "\"\""))\"" : value
        }.joined(separator: ",")
    }

    /// Imports a good row (line 2) and a bad one (line 3); returns the one issue found.
    private func customerIssue(_ changes: [String: String]) throws -> RowIssue {
        let shop = try StoreFixture()
        let header = StoreFixture.customersHeader
        let bad = Self.goodCustomer.merging(changes) { _, new in new }.merging([
            "customer_id": changes["customer_id"] ?? "c10"
        ]) { _, new in new }
        let text =
            [header, Self.row(Self.goodCustomer, header: header), Self.row(bad, header: header)]
            .joined(separator: "\n") + "\n"
        let report = try shop.importCustomers(text)
        #expect(!report.applied)
        #expect(report.issueCount == 1)
        #expect(try shop.store.customerKeys().isEmpty)
        return try #require(report.issues.first)
    }

    private func orderIssue(_ changes: [String: String]) throws -> (RowIssue, String) {
        let shop = try StoreFixture()
        try shop.importCustomers(ImportUpsertTests.customers)
        let header = StoreFixture.ordersHeader
        let bad = Self.goodOrder.merging(changes) { _, new in new }.merging(["order_id": changes["order_id"] ?? "o10"])
        { _, new in new }
        let text =
            [header, Self.row(Self.goodOrder, header: header), Self.row(bad, header: header)]
            .joined(separator: "\n") + "\n"
        let report = try shop.importOrders(text)
        #expect(!report.applied)
        #expect(report.issueCount == 1)
        #expect(try shop.completedOrders().isEmpty)
        let issue = try #require(report.issues.first)
        return (issue, issue.formatted(file: "orders.csv"))
    }

    @Test func goodRowsImport() throws {
        let shop = try StoreFixture()
        try shop.importCustomers(ImportUpsertTests.customers)
        let header = StoreFixture.ordersHeader
        let text = [header, Self.row(Self.goodOrder, header: header)].joined(separator: "\n") + "\n"
        #expect(try shop.importOrders(text).applied)
        let customers =
            StoreFixture.customersHeader + "\n" + Self.row(Self.goodCustomer, header: StoreFixture.customersHeader)
            + "\n"
        #expect(try shop.importCustomers(customers).counts.inserted == 1)
    }

    @Test(arguments: [
        ("email", "zoe@", "\"zoe@\""),
        ("email", "zoe example.fr", "\"zoe example.fr\""),
        ("phone", "0612345678", "E.164"),
        ("phone", "+33 6 12 34 56 78", "E.164"),
        ("locale", "en_US", "\"en_US\""),
        ("locale", "fr--CA", "BCP 47"),
        ("timezone", "Mars/Olympus", "IANA"),
        ("timezone", "CET+1", "\"CET+1\""),
        ("country", "FRA", "ISO 3166-1"),
        ("signup_at", "2026-03-05 14:22", "offset"),
        ("signup_at", "2026-02-30T00:00:00Z", "\"2026-02-30T00:00:00Z\""),
        ("consent_sms", "yes", "true or false"),
        ("customer_id", String(repeating: "x", count: 65), "longer than 64"),
    ])
    func badCustomerValue(field: String, value: String, fragment: String) throws {
        let issue = try customerIssue([field: value])
        #expect(issue.line == 3)
        #expect(issue.field == field)
        #expect(issue.message.contains(fragment), "\(issue.message)")
    }

    @Test func sixtyFourCharacterIDsAreAccepted() throws {
        let shop = try StoreFixture()
        let id = String(repeating: "x", count: 64)
        #expect(try shop.importCustomers("customer_id\n\(id)\n").counts.inserted == 1)
    }

    @Test(arguments: [
        (["currency": "EURO"], "currency", "\"EURO\" is not an ISO 4217 code"),
        (["currency": "SEK"], "currency", "SEK"),
        (["ordered_at": "yesterday"], "ordered_at", "\"yesterday\""),
        (["ordered_at": "2026-03-05T14:22:10"], "ordered_at", "offset"),
        (["ordered_at": ""], "ordered_at", "required"),
        (["amount": "1200.5", "currency": "JPY"], "amount", "JPY"),
        (["amount": "12.345"], "amount", "\"12.345\""),
        (["amount": "12,50"], "amount", "\"12,50\""),
        (["amount": "-5.00"], "amount", "\"-5.00\""),
        (["status": "shipped"], "status", "\"shipped\""),
        (["customer_id": "nobody"], "customer_id", "\"nobody\""),
        (["order_id": String(repeating: "o", count: 65)], "order_id", "longer than 64"),
        (["items": "Mug x2"], "items", "JSON"),
    ])
    func badOrderValue(changes: [String: String], field: String, fragment: String) throws {
        let (issue, line) = try orderIssue(changes)
        #expect(issue.line == 3)
        #expect(issue.field == field)
        #expect(line.hasPrefix("orders.csv:3: \(field): "))
        #expect(issue.message.contains(fragment), "\(issue.message)")
    }

    @Test func currencyWithoutARateNamesTheCurrency() throws {
        let (issue, _) = try orderIssue(["currency": "SEK"])
        #expect(issue.message.contains("no exchange rate for SEK"))
        #expect(issue.message.contains("fx_rates"))
    }

    @Test func amountWithMoreDecimalsThanTheCurrencyAllows() throws {
        let (jpy, _) = try orderIssue(["amount": "1200.5", "currency": "JPY"])
        #expect(jpy.message == "\"1200.5\" has decimals, but JPY has no minor unit")
        let (eur, _) = try orderIssue(["amount": "12.345"])
        #expect(eur.message == "\"12.345\" has more than 2 decimals, the most EUR allows")
    }

    @Test func wrongFieldCount() throws {
        let shop = try StoreFixture()
        try shop.importCustomers(ImportUpsertTests.customers)
        let text = """
            \(StoreFixture.ordersHeader)
            o1,c1,2026-03-05T14:22:10Z,45.90,EUR,completed,,
            o2,c1,2026-03-05T14:22:10Z,45,90,EUR,completed,,

            """
        let report = try shop.importOrders(text)
        #expect(!report.applied)
        #expect(report.issueCount == 1)
        let issue = try #require(report.issues.first)
        #expect(issue.field == nil)
        #expect(issue.line == 3)
        #expect(issue.formatted(file: "orders.csv").hasPrefix("orders.csv:3: has 9 fields, but the header has 8"))
    }
}
