import Foundation
import HomingCore
import HomingStore
import Testing

/// Orders go in 16 rows per INSERT, and a row whose id is already stored, or earlier in the same file, is
/// compared and updated instead. These files span several INSERTs and batches and mix new, stored and
/// repeated ids; the stored orders must be the file's last row per id and the aggregates exact.
@Suite struct MixedOrderImportTests {
    struct Order: Equatable {
        var id: String
        var customer: Int
        var cents: Int
        var day: Int
        var status = "completed"

        var line: String {
            let amount = "\(cents / 100).\(String(format: "%02d", cents % 100))"
            return "\(id),c\(customer),2026-05-\(String(format: "%02d", day))T00:00:00Z,\(amount),EUR,\(status),,"
        }
    }

    static func order(_ index: Int) -> Order {
        Order(id: "m\(index)", customer: index % 4 + 1, cents: 100 + index, day: index % 28 + 1)
    }

    /// Imports `orders` in batches of `batchSize` rows.
    func importOrders(_ orders: [Order], into shop: StoreFixture, batchSize: Int = 8192) throws -> ImportReport {
        let file = shop.path("mixed.csv")
        let text = ([StoreFixture.ordersHeader] + orders.map(\.line)).joined(separator: "\n") + "\n"
        try Data(text.utf8).write(to: URL(fileURLWithPath: file))
        let report = try CSVImporter(store: shop.store).run(
            input: InputFile(path: file),
            options: ImportOptions(kind: .orders(shop.rates), batchSize: batchSize)
        )
        #expect(report.applied, "\(report.issues.prefix(3))")
        return report
    }

    /// Each customer's completed count and monetary from the last row per id, compared with the store.
    func expectAggregates(of files: [[Order]], in shop: StoreFixture) throws {
        var latest: [String: Order] = [:]
        for order in files.joined() { latest[order.id] = order }
        var count: [String: Int] = [:]
        var monetary: [String: Int64] = [:]
        for order in latest.values where order.status == "completed" {
            count["c\(order.customer)", default: 0] += 1
            monetary["c\(order.customer)", default: 0] += Int64(order.cents)
        }
        let activity = try shop.activity()
        #expect(activity.mapValues(\.completedOrders) == count)
        #expect(activity.mapValues(\.monetaryMinor) == monetary)
    }

    func shop() throws -> StoreFixture {
        let shop = try StoreFixture()
        try shop.importCustomers(ImportUpsertTests.customers)
        return shop
    }

    @Test func freshLoadWithIdsRepeatedInsideAndAcrossInserts() throws {
        let shop = try shop()
        var orders = (0..<40).map(Self.order)
        var changed = Self.order(2)
        changed.cents = 999
        orders.insert(changed, at: 5)  // inside the first 16-row INSERT that holds m2
        orders.insert(Self.order(3), at: 20)  // identical: unchanged
        var moved = Self.order(10)
        moved.customer = 4
        moved.status = "refunded"
        orders.append(moved)
        let report = try importOrders(orders, into: shop)
        #expect(report.counts == UpsertCounts(inserted: 40, updated: 2, unchanged: 1))
        try expectAggregates(of: [orders], in: shop)
    }

    /// What importing `file` after `before` counts: new ids inserted, differing rows updated, in file order.
    static func expectedCounts(_ file: [Order], after before: [[Order]]) -> UpsertCounts {
        var stored: [String: Order] = [:]
        for order in before.joined() { stored[order.id] = order }
        var counts = UpsertCounts()
        for order in file {
            if let previous = stored[order.id] {
                if previous == order { counts.unchanged += 1 } else { counts.updated += 1 }
            } else {
                counts.inserted += 1
            }
            stored[order.id] = order
        }
        return counts
    }

    @Test func storedAndNewOrdersInterleavedAcrossBatches() throws {
        let shop = try shop()
        let first = (0..<30).map(Self.order)
        _ = try importOrders(first, into: shop)
        // In batches of 20: the first batch is all stored ids (some changed), the next ones mix stored
        // and new ids, the last ones are all new with one new id twice.
        var second = (0..<25).map { index in
            var order = Self.order(index)
            if index % 5 == 0 { order.cents += 1 }
            return order
        }
        for index in 0..<35 {
            var order = Self.order(index % 7 == 0 ? 25 + index / 7 : 100 + index)
            if index % 14 == 0 { order.status = "refunded" }
            second.append(order)
        }
        var again = Self.order(101)
        again.customer = 3
        second.append(again)
        let expected = Self.expectedCounts(second, after: [first])
        #expect(expected == UpsertCounts(inserted: 30, updated: 9, unchanged: 22))
        #expect(try importOrders(second, into: shop, batchSize: 20).counts == expected)
        try expectAggregates(of: [first, second], in: shop)
        // The same file again, in other batch sizes: only m101 changes, and changes back.
        for batchSize in [7, 20, 8192] {
            let reimport = try importOrders(second, into: shop, batchSize: batchSize)
            #expect(reimport.counts == UpsertCounts(updated: 2, unchanged: second.count - 2))
            try expectAggregates(of: [first, second], in: shop)
        }
    }
}
