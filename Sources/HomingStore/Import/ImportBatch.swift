import HomingCore

/// Rows that passed validation, on their way from the parsing thread to the writing thread.
enum ImportBatch: Sendable {
    case customers([Customer], presentColumns: Set<String>)
    case orders([OrderRowParser.Row], customerKeys: [Int64])

    func write(to transaction: any ImportTransaction) throws -> UpsertCounts {
        switch self {
        case .customers(let customers, let columns):
            try transaction.upsert(customers: customers, presentColumns: columns)
        case .orders(let orders, let keys): try transaction.upsert(orders: orders, customerKeys: keys)
        }
    }
}

/// Validates records of one kind and groups the good ones into batches.
///
/// A class, so the growing batch is mutated in place rather than copied through an existential.
protocol RowBatcher: AnyObject {
    var columns: ImportColumns { get }
    var pending: Int { get }
    /// Validates `record`; returns its problems, or an empty array when it joined the batch.
    func add(_ record: CSVRecord) -> [RowIssue]
    func takeBatch() -> ImportBatch
}

final class CustomerBatcher: RowBatcher {
    let parser: CustomerRowParser
    var customers: [Customer] = []

    init(parser: CustomerRowParser) { self.parser = parser }
    var columns: ImportColumns { parser.columns }
    var pending: Int { customers.count }

    func add(_ record: CSVRecord) -> [RowIssue] {
        switch parser.parse(record) {
        case .success(let customer):
            customers.append(customer)
            return []
        case .failure(let problems):
            return problems.issues
        }
    }

    func takeBatch() -> ImportBatch {
        defer { customers.removeAll(keepingCapacity: true) }
        return .customers(customers, presentColumns: parser.columns.present)
    }
}

final class OrderBatcher: RowBatcher {
    let parser: OrderRowParser
    /// Every known customer; an order for anyone else is refused.
    let customerKeys: [String: Int64]
    var orders: [OrderRowParser.Row] = []
    var keys: [Int64] = []

    init(parser: OrderRowParser, customerKeys: [String: Int64]) {
        self.parser = parser
        self.customerKeys = customerKeys
    }
    var columns: ImportColumns { parser.columns }
    var pending: Int { orders.count }

    func add(_ record: CSVRecord) -> [RowIssue] {
        switch parser.parse(record) {
        case .success(let row):
            guard let key = customerKeys[row.order.customerID] else {
                return [unknownCustomer(row.order.customerID, record)]
            }
            orders.append(row)
            keys.append(key)
            return []
        case .failure(let problems):
            // Report an unknown customer alongside the row's other problems, so one pass shows them all.
            guard let index = parser.columns.index(of: "customer_id"), index < record.count, !record.isEmpty(index),
                !problems.issues.contains(where: { $0.field == "customer_id" }),
                customerKeys[record.string(index)] == nil
            else { return problems.issues }
            return problems.issues + [unknownCustomer(record.string(index), record)]
        }
    }

    private func unknownCustomer(_ id: String, _ record: CSVRecord) -> RowIssue {
        RowIssue(
            line: record.line,
            field: "customer_id",
            message: "\"\(id)\" is not a known customer: import customers first"
        )
    }

    func takeBatch() -> ImportBatch {
        defer {
            orders.removeAll(keepingCapacity: true)
            keys.removeAll(keepingCapacity: true)
        }
        return .orders(orders, customerKeys: keys)
    }
}
