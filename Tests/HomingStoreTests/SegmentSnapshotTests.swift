import HomingCore
import HomingStore
import Testing

/// A segmentation run saved as a snapshot can be found again as the latest one.
@Suite struct SegmentSnapshotTests {
    @Test func saveAndFindTheLatestSnapshot() throws {
        let shop = try StoreFixture()
        try shop.importCustomers(ImportUpsertTests.customers)
        try shop.importOrders(ImportUpsertTests.orders)
        #expect(try shop.store.latestSegmentSnapshot() == nil)

        let first = at("2026-04-01T00:00:00Z")
        let (run, keys) = try shop.store.segmentation(
            asOf: first,
            method: shop.config.segments.method,
            rules: shop.config.segments.rules
        )
        #expect(keys.count == 2)
        let firstID = try shop.store.save(run, customerKeys: keys)
        let latest = try #require(try shop.store.latestSegmentSnapshot())
        #expect(latest.id == firstID)
        #expect(latest.asOf == first)

        let second = at("2026-02-01T00:00:00Z")  // an earlier as_of saved later is still the latest run
        let (run2, keys2) = try shop.store.segmentation(
            asOf: second,
            method: .ntile,
            rules: shop.config.segments.rules
        )
        let secondID = try shop.store.save(run2, customerKeys: keys2)
        #expect(secondID != firstID)
        let latest2 = try #require(try shop.store.latestSegmentSnapshot())
        #expect(latest2.id == secondID)
        #expect(latest2.asOf == second)
    }

    @Test func snapshotsSurviveReopeningTheStore() throws {
        let shop = try StoreFixture()
        try shop.importCustomers(ImportUpsertTests.customers)
        try shop.importOrders(ImportUpsertTests.orders)
        let asOf = at("2026-05-01T12:34:56.789Z")
        let (run, keys) = try shop.store.segmentation(
            asOf: asOf,
            method: shop.config.segments.method,
            rules: shop.config.segments.rules
        )
        let id = try shop.store.save(run, customerKeys: keys)
        let reopened = try SQLiteStore(path: shop.store.path)
        let latest = try #require(try reopened.latestSegmentSnapshot())
        #expect(latest.id == id)
        #expect(latest.asOf == asOf)
    }

    @Test func emptySnapshotIsSaved() throws {
        let shop = try StoreFixture()
        try shop.importCustomers(ImportUpsertTests.customers)
        let asOf = at("2026-05-01T00:00:00Z")
        let (run, keys) = try shop.store.segmentation(
            asOf: asOf,
            method: shop.config.segments.method,
            rules: shop.config.segments.rules
        )
        #expect(keys.isEmpty)
        #expect(run.report.prospects == 4)
        let id = try shop.store.save(run, customerKeys: keys)
        #expect(try shop.store.latestSegmentSnapshot()?.id == id)
    }
}
