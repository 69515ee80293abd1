import Foundation
import GRDB
import HomingCore

extension SQLiteStore {
    /// Customers with a straddling history (first order before `asOf`, last after) are recomputed from
    /// their orders one by one below this count, by one scan of all orders above it.
    static let straddlerScanThreshold = 50_000

    public func customerActivity(asOf: Instant) throws -> ActivityPopulation {
        try pool.read { db in
            let cutoff = asOf.millisecondsSince1970
            let totalCustomers = try Int.fetchOne(db, sql: "SELECT count(*) FROM customers") ?? 0
            let rows = try RawStatement(
                db,
                """
                SELECT customer_key, customer_id, first_order_at, last_order_at, completed_orders, monetary_minor
                FROM customer_aggregates WHERE first_order_at <= ?1
                """
            )
            rows.bind(1, cutoff)
            var keys: [Int64] = []
            var activities: [CustomerActivity] = []
            var straddlers: [Int] = []
            keys.reserveCapacity(totalCustomers)
            activities.reserveCapacity(totalCustomers)
            while try rows.step() {
                let last = rows.int64(3)!
                if last > cutoff { straddlers.append(activities.count) }
                keys.append(rows.int64(0)!)
                activities.append(
                    CustomerActivity(
                        customerID: rows.string(1)!,
                        firstOrderAt: Instant(millisecondsSince1970: rows.int64(2)!),
                        lastOrderAt: Instant(millisecondsSince1970: last),
                        completedOrders: Int(rows.int64(4)!),
                        monetaryMinor: rows.int64(5)!
                    )
                )
            }
            if !straddlers.isEmpty {
                try recomputeStraddlers(straddlers, keys: keys, activities: &activities, cutoff: cutoff, db: db)
            }
            return ActivityPopulation(keys: keys, activities: activities, prospects: totalCustomers - activities.count)
        }
    }

    /// Replaces the aggregate of customers who also ordered after `cutoff` with their history up to it.
    private func recomputeStraddlers(
        _ straddlers: [Int],
        keys: [Int64],
        activities: inout [CustomerActivity],
        cutoff: Int64,
        db: Database
    ) throws {
        func apply(_ index: Int, last: Int64, count: Int64, sum: Int64) {
            activities[index].lastOrderAt = Instant(millisecondsSince1970: last)
            activities[index].completedOrders = Int(count)
            activities[index].monetaryMinor = sum
        }
        if straddlers.count <= Self.straddlerScanThreshold {
            let history = try RawStatement(
                db,
                """
                SELECT max(ordered_at), count(*), sum(base_minor) FROM orders
                WHERE customer_key = ?1 AND ordered_at <= ?2 AND status = 'completed'
                """
            )
            for index in straddlers {
                history.bind(1, keys[index])
                history.bind(2, cutoff)
                _ = try history.step()
                apply(index, last: history.int64(0)!, count: history.int64(1)!, sum: history.int64(2)!)
                history.reset()
            }
            return
        }
        var position: [Int64: Int] = [:]
        for index in straddlers { position[keys[index]] = index }
        var totals: [Int: (last: Int64, count: Int64, sum: Int64)] = [:]
        let scan = try RawStatement(
            db,
            "SELECT customer_key, ordered_at, base_minor FROM orders WHERE status = 'completed' AND ordered_at <= ?1"
        )
        scan.bind(1, cutoff)
        while try scan.step() {
            guard let index = position[scan.int64(0)!] else { continue }
            let at = scan.int64(1)!
            let previous = totals[index] ?? (Int64.min, 0, 0)
            totals[index] = (max(previous.last, at), previous.count + 1, previous.sum + scan.int64(2)!)
        }
        for (index, total) in totals { apply(index, last: total.last, count: total.count, sum: total.sum) }
    }

    public func forEachCompletedOrder(in window: DateWindow, _ body: (Int64, Instant, Int64) -> Void) throws {
        try pool.read { db in
            let scan = try RawStatement(
                db,
                """
                SELECT customer_key, ordered_at, base_minor FROM orders
                WHERE status = 'completed' AND ordered_at >= ?1 AND ordered_at < ?2
                """
            )
            scan.bind(1, window.from.millisecondsSince1970)
            scan.bind(2, window.to.millisecondsSince1970)
            while try scan.step() {
                body(scan.int64(0)!, Instant(millisecondsSince1970: scan.int64(1)!), scan.int64(2)!)
            }
        }
    }

    public func firstOrderInstants() throws -> [Int64: Instant] {
        try pool.read { db in
            var firsts: [Int64: Instant] = [:]
            let rows = try RawStatement(db, "SELECT customer_key, first_order_at FROM customer_aggregates")
            while try rows.step() { firsts[rows.int64(0)!] = Instant(millisecondsSince1970: rows.int64(1)!) }
            return firsts
        }
    }

    @discardableResult
    public func saveSegmentSnapshot(_ snapshot: SegmentSnapshot) throws -> Int64 {
        try pool.write { db in
            try db.execute(
                sql: "INSERT INTO segment_snapshots (as_of, method, created_at) VALUES (?, ?, ?)",
                arguments: [
                    snapshot.asOf.millisecondsSince1970, snapshot.method, Int64(Date().timeIntervalSince1970 * 1000),
                ]
            )
            let id = db.lastInsertedRowID
            let insert = try RawStatement(
                db,
                "INSERT INTO segment_memberships (snapshot_id, customer_key, segment, r, f, m) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
            )
            for index in snapshot.customerKeys.indices {
                insert.bind(1, id)
                insert.bind(2, snapshot.customerKeys[index])
                insert.bind(3, snapshot.segments[index])
                insert.bind(4, Int64(snapshot.scores[index].r))
                insert.bind(5, Int64(snapshot.scores[index].f))
                insert.bind(6, Int64(snapshot.scores[index].m))
                try insert.execute()
            }
            return id
        }
    }

    public func latestSegmentSnapshot() throws -> (id: Int64, asOf: Instant)? {
        try pool.read { db in
            try Row.fetchOne(db, sql: "SELECT id, as_of FROM segment_snapshots ORDER BY id DESC LIMIT 1").map {
                (id: $0["id"], asOf: Instant(millisecondsSince1970: $0["as_of"]))
            }
        }
    }
}
