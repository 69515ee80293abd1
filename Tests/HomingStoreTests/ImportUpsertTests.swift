import HomingCore
import HomingStore
import Testing

/// Upsert by id: a first import inserts, the same file again changes nothing, a changed row is an update.
@Suite struct ImportUpsertTests {
    static let customers = """
        \(StoreFixture.customersHeader)
        c1,ann@example.com,+33612345678,tok-1,Ann,Lee,fr,Europe/Paris,FR,2025-01-01T00:00:00Z,true,false,true
        c2,bob@example.com,+14155550123,,Bob,Ray,en-GB,Europe/London,GB,2025-02-01T10:00:00+01:00,false,true,false
        c3,,+886912345678,,王,伟,zh-Hant-TW,Asia/Taipei,TW,,false,false,false
        c4,dee@example.com,,,Dee,,en,America/New_York,US,2025-03-01T00:00:00Z,true,true,true

        """

    static let orders = """
        \(StoreFixture.ordersHeader)
        o1,c1,2026-01-10T09:00:00+01:00,45.90,EUR,completed,,
        o2,c1,2026-03-02T12:00:00Z,20.00,EUR,completed,"[{""name"":""Mug"",""quantity"":2,""price"":""10.00""}]",SPRING
        o3,c2,2026-02-14T18:30:00Z,99.99,EUR,completed,,
        o4,c2,2026-02-20T08:00:00Z,15.00,EUR,refunded,,
        o5,c3,2026-04-01T00:00:00Z,12.00,EUR,cancelled,,

        """

    @Test func importCustomersThenOrders() throws {
        let shop = try StoreFixture()
        let customers = try shop.importCustomers(Self.customers)
        #expect(customers.applied)
        #expect(customers.rows == 4)
        #expect(customers.counts == UpsertCounts(inserted: 4, updated: 0, unchanged: 0))
        #expect(customers.issueCount == 0)
        let orders = try shop.importOrders(Self.orders)
        #expect(orders.applied)
        #expect(orders.rows == 5)
        #expect(orders.counts == UpsertCounts(inserted: 5, updated: 0, unchanged: 0))
        #expect(Set(try shop.store.customerKeys().keys) == ["c1", "c2", "c3", "c4"])

        let population = try shop.store.customerActivity(asOf: StoreFixture.farFuture)
        #expect(population.prospects == 2)  // c3 only has a cancelled order, c4 none
        let activity = try shop.activity()
        #expect(Set(activity.keys) == ["c1", "c2"])
        let c1 = try #require(activity["c1"])
        #expect(c1.completedOrders == 2)
        #expect(c1.monetaryMinor == 6_590)
        #expect(c1.firstOrderAt == at("2026-01-10T08:00:00Z"))
        #expect(c1.lastOrderAt == at("2026-03-02T12:00:00Z"))
        let c2 = try #require(activity["c2"])
        #expect(c2.completedOrders == 1)  // the refunded order does not count
        #expect(c2.monetaryMinor == 9_999)
    }

    @Test func reimportingTheSameFilesChangesNothing() throws {
        let shop = try StoreFixture()
        try shop.importCustomers(Self.customers)
        try shop.importOrders(Self.orders)
        let keys = try shop.store.customerKeys()
        let population = try shop.store.customerActivity(asOf: StoreFixture.farFuture)
        let orders = try shop.completedOrders()

        let customersAgain = try shop.importCustomers(Self.customers)
        #expect(customersAgain.applied)
        #expect(customersAgain.counts == UpsertCounts(inserted: 0, updated: 0, unchanged: 4))
        let ordersAgain = try shop.importOrders(Self.orders)
        #expect(ordersAgain.applied)
        #expect(ordersAgain.counts == UpsertCounts(inserted: 0, updated: 0, unchanged: 5))

        #expect(try shop.store.customerKeys() == keys)
        let after = try shop.store.customerActivity(asOf: StoreFixture.farFuture)
        #expect(after.keys == population.keys)
        #expect(after.activities == population.activities)
        #expect(after.prospects == population.prospects)
        #expect(try shop.completedOrders() == orders)
    }

    @Test func changedRowsCountAsUpdated() throws {
        let shop = try StoreFixture()
        try shop.importCustomers(Self.customers)
        try shop.importOrders(Self.orders)
        let customers = Self.customers.replacingOccurrences(of: "bob@example.com", with: "bob@example.org")
        #expect(try shop.importCustomers(customers).counts == UpsertCounts(inserted: 0, updated: 1, unchanged: 3))
        // A changed promo code alone is a change; a new order is an insert.
        let orders =
            Self.orders.replacingOccurrences(of: ",SPRING", with: ",SUMMER")
            + "o6,c4,2026-05-01T00:00:00Z,5.00,EUR,completed,,\n"
        #expect(try shop.importOrders(orders).counts == UpsertCounts(inserted: 1, updated: 1, unchanged: 4))
        #expect(try shop.activity()["c4"]?.monetaryMinor == 500)
        // The change is stored: importing the changed files again is all unchanged.
        #expect(try shop.importCustomers(customers).counts == UpsertCounts(inserted: 0, updated: 0, unchanged: 4))
        #expect(try shop.importOrders(orders).counts == UpsertCounts(inserted: 0, updated: 0, unchanged: 6))
    }

    @Test func fileWithoutAColumnKeepsThatColumnsStoredValues() throws {
        let shop = try StoreFixture()
        try shop.importCustomers(Self.customers)
        // No phone (nor consent) columns; c1's first name changes, c2 is the same on the columns present.
        let withoutPhone = """
            customer_id,email,push_token,first_name,last_name,locale,timezone,country,signup_at
            c1,ann@example.com,tok-1,Anne,Lee,fr,Europe/Paris,FR,2025-01-01T00:00:00Z
            c2,bob@example.com,,Bob,Ray,en-GB,Europe/London,GB,2025-02-01T10:00:00+01:00

            """
        let report = try shop.importCustomers(withoutPhone, name: "no-phone.csv")
        #expect(report.applied)
        #expect(report.counts == UpsertCounts(inserted: 0, updated: 1, unchanged: 1))
        #expect(report.warnings.contains { $0.contains("phone") })
        // Phones and consents survived: the full file, with only c1's name changed back to Anne, matches the store.
        let full = Self.customers.replacingOccurrences(of: "tok-1,Ann,", with: "tok-1,Anne,")
        #expect(try shop.importCustomers(full).counts == UpsertCounts(inserted: 0, updated: 0, unchanged: 4))
    }

    @Test func idOnlyFileInsertsNewCustomersAndLeavesOthersAlone() throws {
        let shop = try StoreFixture()
        try shop.importCustomers(Self.customers)
        let report = try shop.importCustomers("customer_id\nc1\nc9\n", name: "ids.csv")
        #expect(report.counts == UpsertCounts(inserted: 1, updated: 0, unchanged: 1))
        #expect(try shop.importCustomers(Self.customers).counts == UpsertCounts(inserted: 0, updated: 0, unchanged: 4))
        #expect(try shop.store.customerKeys().count == 5)
    }
}

/// Header names are matched with surrounding spaces trimmed (`ImportColumns`), so updates must honour them too.
@Suite struct HeaderSpacingTests {
    @Test func headerNameWithASpaceStillUpdatesThatColumn() throws {
        let shop = try StoreFixture()
        try shop.importCustomers("customer_id,email\nk1,a@example.com\n")
        // ", email": the column is recognised (no unknown-column warning), so k1's new address must be stored.
        let report = try shop.importCustomers("customer_id, email\nk1,b@example.com\nk2,c@example.com\n", name: "b.csv")
        #expect(!report.warnings.contains { $0.contains("unknown") })
        #expect(report.counts == UpsertCounts(inserted: 1, updated: 1, unchanged: 0))
        // If it was stored, the same data with a tidy header changes nothing.
        let tidy = try shop.importCustomers("customer_id,email\nk1,b@example.com\nk2,c@example.com\n", name: "c.csv")
        #expect(tidy.counts == UpsertCounts(inserted: 0, updated: 0, unchanged: 2))
    }
}
