import GRDB
import HomingCore

/// Upserts customers and orders within one transaction and keeps `customer_aggregates` current.
///
/// Newly inserted completed orders only ever extend a customer's aggregate, so they are folded in from
/// memory at `finish()`. An order that changed (status, amount, customer…) may shrink it, so those
/// customers are recomputed from their orders through `orders_by_customer`. Rows are read and compared
/// before anything is written, so a re-import writes nothing.
///
/// A bulk import reads every customer key once and may rebuild the order index; a webhook's
/// transaction (`bulk: false`) writes a row or two, so it looks keys up one at a time instead.
final class SQLiteImportTransaction: ImportTransaction {
    private let db: Database
    private let bulk: Bool
    private var existingCustomers: [String: Int64]?
    private var added: [Int64: AggregateDelta] = [:]
    private var recompute: Set<Int64> = []
    private var statements: [String: RawStatement] = [:]
    /// Set when orders went into an empty table with the customer index dropped; `finish()` rebuilds it.
    private var rebuildOrderIndex = false
    private var checkedOrderTable = false
    /// Set after a batch whose orders were mostly stored already, as in a re-import.
    private var readFirst = false
    /// Likewise for customers into an empty table and their address indexes.
    private var rebuildCustomerIndexes = false
    private var checkedCustomerTable = false

    struct AggregateDelta {
        var customerID = ""
        var first = Int64.max
        var last = Int64.min
        var count: Int64 = 0
        var monetary: Int64 = 0
    }

    init(_ db: Database, bulk: Bool = true) {
        self.db = db
        self.bulk = bulk
    }

    /// Customer UPDATE statements by the bit set of columns they assign (bit i: `customerColumns[i]`).
    private var customerUpdates: [Int: RawStatement] = [:]

    /// A webhook's transaction comes from the connection's statement cache: it runs a handful of
    /// rows per commit, so compiling its statements per transaction would cost more than the rows.
    private func statement(_ sql: String) throws -> RawStatement {
        if let cached = statements[sql] { return cached }
        let statement = try bulk ? RawStatement(db, sql) : RawStatement(cached: db, sql)
        statements[sql] = statement
        return statement
    }

    // MARK: customers

    private static let customerColumns = [
        "email", "phone", "push_token", "first_name", "last_name", "locale", "timezone", "country", "signup_at",
        "consent_email", "consent_sms", "consent_push",
    ]

    /// The store key of customer `id`, if it exists.
    func customerKey(id: String) throws -> Int64? {
        if bulk {
            if existingCustomers == nil {
                existingCustomers = [:]
                let select = try statement("SELECT id, key FROM customers")
                while try select.step() { existingCustomers![select.string(0)!] = select.int64(1)! }
                select.reset()
            }
            return existingCustomers![id]
        }
        let select = try statement("SELECT key FROM customers WHERE id = ?1")
        select.bind(1, id)
        defer { select.reset() }
        return try select.step() ? select.int64(0) : nil
    }

    func upsert(customers: [Customer], presentColumns: Set<String>) throws -> UpsertCounts {
        if bulk && !checkedCustomerTable {
            checkedCustomerTable = true
            if try Bool.fetchOne(db, sql: "SELECT NOT EXISTS (SELECT 1 FROM customers)") == true {
                try db.execute(sql: SQLiteStore.dropCustomerAddressIndexes)
                rebuildCustomerIndexes = true
            }
        }
        let insert = try statement(Self.insertCustomer)
        let update = try customerUpdate(presentColumns: presentColumns)
        var counts = UpsertCounts()
        for customer in customers {
            if let key = try customerKey(id: customer.id) {
                guard let update else {
                    counts.unchanged += 1
                    continue
                }
                update.bind(1, key)
                bindCustomerFields(customer, to: update)
                if try update.execute() > 0 { counts.updated += 1 } else { counts.unchanged += 1 }
            } else {
                insert.bind(1, customer.id)
                bindCustomerFields(customer, to: insert)
                try insert.execute()
                if bulk { existingCustomers![customer.id] = insert.lastInsertedRowID }
                counts.inserted += 1
            }
        }
        return counts
    }

    private static let insertCustomer =
        "INSERT INTO customers (id, \(customerColumns.joined(separator: ", "))) VALUES (?\(String(repeating: ", ?", count: customerColumns.count)))"

    /// The UPDATE for the present columns, nil when none is present; built once per column set,
    /// since every webhook upserts a customer.
    private func customerUpdate(presentColumns: Set<String>) throws -> RawStatement? {
        var mask = 0
        for (bit, column) in Self.customerColumns.enumerated() where presentColumns.contains(column) {
            mask |= 1 << bit
        }
        if mask == 0 { return nil }
        if let cached = customerUpdates[mask] { return cached }
        // Updates only touch present columns and only when a value differs, so re-imports change nothing.
        let updatable = Self.customerColumns.enumerated().filter { mask & (1 << $0.offset) != 0 }
        let assignments = updatable.map { "\($0.element) = ?\($0.offset + 2)" }.joined(separator: ", ")
        let unchanged = updatable.map { "\($0.element) IS ?\($0.offset + 2)" }.joined(separator: " AND ")
        let update = try statement("UPDATE customers SET \(assignments) WHERE key = ?1 AND NOT (\(unchanged))")
        customerUpdates[mask] = update
        return update
    }

    private func bindCustomerFields(_ customer: Customer, to statement: RawStatement) {
        statement.bind(2, customer.email)
        statement.bind(3, customer.phone)
        statement.bind(4, customer.pushToken)
        statement.bind(5, customer.firstName)
        statement.bind(6, customer.lastName)
        statement.bind(7, customer.locale?.description)
        statement.bind(8, customer.timeZone)
        statement.bind(9, customer.country)
        statement.bind(10, customer.signupAt?.millisecondsSince1970)
        statement.bind(11, customer.consent.email)
        statement.bind(12, customer.consent.sms)
        statement.bind(13, customer.consent.push)
    }

    // MARK: orders

    func upsert(orders: [OrderRowParser.Row], customerKeys: [Int64]) throws -> UpsertCounts {
        if bulk && !checkedOrderTable {
            checkedOrderTable = true
            // Into an empty table, sorting once to build the index beats millions of random index inserts.
            if try Bool.fetchOne(db, sql: "SELECT NOT EXISTS (SELECT 1 FROM orders)") == true {
                try db.execute(sql: "DROP INDEX orders_by_customer")
                rebuildOrderIndex = true
            }
        }
        guard bulk else { return try upsertOneByOne(orders, customerKeys: customerKeys, indexes: orders.indices) }
        var counts = UpsertCounts()
        if readFirst {
            counts = try upsertOneByOne(orders, customerKeys: customerKeys, indexes: orders.indices)
        } else {
            let existing = try insertNew(orders, customerKeys: customerKeys)
            counts.inserted = orders.count - existing.count
            counts += try upsertOneByOne(orders, customerKeys: customerKeys, indexes: existing)
        }
        // A re-import finds nearly every order stored: there, reading first costs less than failed inserts.
        readFirst = counts.inserted * 2 < orders.count
        return counts
    }

    /// Compares `orders[indexes]` with what is stored a chunk at a time, in file order, and writes only
    /// what is new or changed.
    private func upsertOneByOne(
        _ orders: [OrderRowParser.Row],
        customerKeys: [Int64],
        indexes: some Collection<Int>
    ) throws -> UpsertCounts {
        let insert = try statement(Self.insertOrders(rows: 1))
        var counts = UpsertCounts()
        var rest = indexes[...]
        while !rest.isEmpty {
            let chunk = rest.prefix(Self.rowsPerInsert)
            rest = rest.dropFirst(chunk.count)
            var stored = try storedOrders(ids: chunk.map { orders[$0].order.id })
            for index in chunk {
                let row = orders[index]
                let current = StoredOrder(row, customerKey: customerKeys[index])
                if let previous = stored[row.order.id] {
                    guard previous != current else {
                        counts.unchanged += 1
                        continue
                    }
                    try update(row, customerKey: current.customerKey)
                    recompute.insert(previous.customerKey)
                    recompute.insert(current.customerKey)
                    counts.updated += 1
                } else {
                    bindOrder(row, customerKey: current.customerKey, to: insert)
                    try insert.execute()
                    if row.order.status == .completed { fold(row, into: current.customerKey) }
                    counts.inserted += 1
                }
                stored[row.order.id] = current  // a later row with the same id compares against this one
            }
        }
        return counts
    }

    /// An order row as stored, for telling unchanged rows from changed ones without writing.
    private struct StoredOrder: Equatable {
        var customerKey: Int64
        var orderedAt: Int64
        var amountMinor: Int64
        var currency: String
        var baseMinor: Int64
        var status: String
        var items: String?
        var promoCode: String?

        init(_ row: OrderRowParser.Row, customerKey: Int64) {
            self.customerKey = customerKey
            orderedAt = row.order.orderedAt.millisecondsSince1970
            amountMinor = row.order.amountMinor
            currency = row.order.currency.code
            baseMinor = row.baseMinor
            status = row.order.status.rawValue
            items = row.order.items
            promoCode = row.order.promoCode
        }

        init(_ statement: RawStatement) {
            customerKey = statement.int64(1)!
            orderedAt = statement.int64(2)!
            amountMinor = statement.int64(3)!
            currency = statement.string(4)!
            baseMinor = statement.int64(5)!
            status = statement.string(6)!
            items = statement.string(7)
            promoCode = statement.string(8)
        }
    }

    private func storedOrders(ids: [String]) throws -> [String: StoredOrder] {
        let placeholders = (1...Self.rowsPerInsert).map { "?\($0)" }.joined(separator: ", ")
        let select = try statement(
            """
            SELECT id, customer_key, ordered_at, amount_minor, currency, base_minor, status, items, promo_code
            FROM orders WHERE id IN (\(placeholders))
            """
        )
        for index in 0..<Self.rowsPerInsert { select.bind(Int32(index + 1), index < ids.count ? ids[index] : nil) }
        var found: [String: StoredOrder] = [:]
        while try select.step() { found[select.string(0)!] = StoredOrder(select) }
        select.reset()
        return found
    }

    private func update(_ row: OrderRowParser.Row, customerKey: Int64) throws {
        let update = try statement(
            """
            UPDATE orders SET customer_key = ?2, ordered_at = ?3, amount_minor = ?4, currency = ?5, base_minor = ?6,
                status = ?7, items = ?8, promo_code = ?9
            WHERE id = ?1
            """
        )
        bindOrder(row, customerKey: customerKey, to: update)
        try update.execute()
    }

    /// Rows per multi-row INSERT: each statement execution has a fixed cost that 16 rows share.
    private static let rowsPerInsert = 16

    /// `OR IGNORE` rather than `ON CONFLICT DO NOTHING`: with no constraint left that could abort the
    /// statement halfway, SQLite keeps no statement journal, which copied every page an INSERT touched.
    /// The importer has validated every value, so IGNORE only ever skips an id that is already stored.
    private static func insertOrders(rows: Int, returning: Bool = false) -> String {
        let values = (0..<rows).map { row in
            "(" + (1...9).map { "?\(row * 9 + $0)" }.joined(separator: ", ") + ")"
        }
        return """
            INSERT OR IGNORE INTO orders
                (id, customer_key, ordered_at, amount_minor, currency, base_minor, status, items, promo_code)
            VALUES \(values.joined(separator: ", "))\(returning ? " RETURNING id" : "")
            """
    }

    /// Inserts every order whose id is not stored yet, 16 rows per INSERT, and returns the indexes of the
    /// others in file order: ids already stored, or seen earlier in the file, which the caller compares and
    /// updates. No savepoint: one around a batch copied every page it touched into a temporary file.
    private func insertNew(_ orders: [OrderRowParser.Row], customerKeys: [Int64]) throws -> [Int] {
        let multi = try statement(Self.insertOrders(rows: Self.rowsPerInsert, returning: true))
        let single = try statement(Self.insertOrders(rows: 1, returning: true))
        var existing: [Int] = []
        var start = 0
        while start < orders.count {
            let count = orders.count - start >= Self.rowsPerInsert ? Self.rowsPerInsert : 1
            let insert = count == Self.rowsPerInsert ? multi : single
            for offset in 0..<count {
                bindOrder(orders[start + offset], customerKey: customerKeys[start + offset], to: insert, row: offset)
            }
            let inserted = try insertedRows(insert, orders, start..<(start + count))
            for index in start..<(start + count) {
                if inserted[index - start] {
                    if orders[index].order.status == .completed { fold(orders[index], into: customerKeys[index]) }
                } else {
                    existing.append(index)
                }
            }
            start += count
        }
        return existing
    }

    /// Steps `insert` and tells which of `orders[range]` it inserted, from the ids it returns.
    ///
    /// Of several rows with one id, only the first can have been inserted: the later ones conflict with it.
    private func insertedRows(
        _ insert: RawStatement,
        _ orders: [OrderRowParser.Row],
        _ range: Range<Int>
    ) throws -> [Bool] {
        var inserted = [Bool](repeating: false, count: range.count)
        var inOrder = true
        var next = range.lowerBound
        defer { insert.reset() }
        while try insert.step() {
            // While every row so far was inserted, their ids are all taken: the next row is the only candidate
            // (SQLite returns rows in VALUES order). After a skipped row, the id's first row in the chunk is.
            inOrder = inOrder && next < range.upperBound && insert.text(0, equals: orders[next].order.id)
            let index = inOrder ? next : range.first { insert.text(0, equals: orders[$0].order.id) }
            guard let index else { throw DatabaseError(message: "INSERT returned an order id it was not given") }
            next += 1
            inserted[index - range.lowerBound] = true
        }
        return inserted
    }

    /// Binds `row` as the `row`-th VALUES tuple (parameters 9·row+1 … 9·row+9).
    private func bindOrder(_ order: OrderRowParser.Row, customerKey: Int64, to statement: RawStatement, row: Int = 0) {
        let base = Int32(row * 9)
        statement.bind(base + 1, order.order.id)
        statement.bind(base + 2, customerKey)
        statement.bind(base + 3, order.order.orderedAt.millisecondsSince1970)
        statement.bind(base + 4, order.order.amountMinor)
        statement.bind(base + 5, order.order.currency.code)
        statement.bind(base + 6, order.baseMinor)
        statement.bind(base + 7, order.order.status.rawValue)
        statement.bind(base + 8, order.order.items)
        statement.bind(base + 9, order.order.promoCode)
    }

    private func fold(_ row: OrderRowParser.Row, into customerKey: Int64) {
        let at = row.order.orderedAt.millisecondsSince1970
        added[customerKey, default: AggregateDelta(customerID: row.order.customerID)].count += 1
        added[customerKey]!.monetary += row.baseMinor
        added[customerKey]!.first = min(added[customerKey]!.first, at)
        added[customerKey]!.last = max(added[customerKey]!.last, at)
    }

    // MARK: aggregates

    func finish() throws {
        if rebuildCustomerIndexes {
            try db.execute(sql: SQLiteStore.createCustomerAddressIndexes)
            rebuildCustomerIndexes = false
        }
        if rebuildOrderIndex {
            try db.execute(sql: SQLiteStore.createOrdersByCustomer)
            rebuildOrderIndex = false
        }
        let merge = try statement(
            """
            INSERT INTO customer_aggregates
                (customer_key, customer_id, first_order_at, last_order_at, completed_orders, monetary_minor)
            VALUES (?1, ?6, ?2, ?3, ?4, ?5)
            ON CONFLICT (customer_key) DO UPDATE SET
                first_order_at = min(first_order_at, excluded.first_order_at),
                last_order_at = max(last_order_at, excluded.last_order_at),
                completed_orders = completed_orders + excluded.completed_orders,
                monetary_minor = monetary_minor + excluded.monetary_minor
            """
        )
        for (key, delta) in added where !recompute.contains(key) {
            merge.bind(1, key)
            merge.bind(2, delta.first)
            merge.bind(3, delta.last)
            merge.bind(4, delta.count)
            merge.bind(5, delta.monetary)
            merge.bind(6, delta.customerID)
            try merge.execute()
        }
        let clear = try statement("DELETE FROM customer_aggregates WHERE customer_key = ?1")
        let rebuild = try statement(
            """
            INSERT INTO customer_aggregates
                (customer_key, customer_id, first_order_at, last_order_at, completed_orders, monetary_minor)
            SELECT o.customer_key, c.id, min(o.ordered_at), max(o.ordered_at), count(*), sum(o.base_minor)
            FROM orders o JOIN customers c ON c.key = o.customer_key
            WHERE o.customer_key = ?1 AND o.status = 'completed' GROUP BY o.customer_key
            """
        )
        for key in recompute {
            clear.bind(1, key)
            try clear.execute()
            rebuild.bind(1, key)
            try rebuild.execute()
        }
        added.removeAll()
        recompute.removeAll()
    }
}
