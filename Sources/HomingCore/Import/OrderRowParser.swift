/// Turns rows of `orders.csv` (DESIGN.md §4.1) into validated orders with their base-currency value.
///
/// ```swift
/// let parser = try OrderRowParser(header: header, rates: rates)
/// if case .success(let row) = parser.parse(record) { row.order.amountMinor; row.baseMinor }
/// ```
///
/// Whether the customer exists is not checked here: that needs the store, and the importer does it.
public struct OrderRowParser: Sendable {
    public static let columnNames = [
        "order_id", "customer_id", "ordered_at", "amount", "currency", "status", "items", "promo_code",
    ]

    public let columns: ImportColumns
    public let rates: ExchangeRates

    public init(header: [String], rates: ExchangeRates) throws(HeaderError) {
        columns = try ImportColumns(
            header: header,
            known: Self.columnNames,
            required: ["order_id", "customer_id", "ordered_at", "amount", "currency", "status"]
        )
        self.rates = rates
    }

    /// A parsed order and its value in base minor units.
    public struct Row: Hashable, Sendable {
        public var order: Order
        public var baseMinor: Int64
        public var line: Int
    }

    public func parse(_ record: CSVRecord) -> Result<Row, RowIssues> {
        var row = RowReader(record: record, columns: columns)
        guard row.isUsable else { return .failure(RowIssues(row.issues)) }
        let id = row.identifier("order_id")
        let customerID = row.identifier("customer_id")
        let orderedAt = row.required("ordered_at") != nil ? row.timestamp("ordered_at") : nil
        let currency = self.currency(&row)
        var amount: Int64?
        if let text = row.required("amount"), let currency {
            do { amount = try currency.minorUnits(fromDecimal: text) } catch { row.fail("amount", error.description) }
        }
        var status: OrderStatus?
        if let text = row.required("status") {
            status = OrderStatus(rawValue: text)
            if status == nil { row.fail("status", "\"\(text)\" must be completed, refunded or cancelled") }
        }
        var items = row.text("items")
        if let text = items, let currency, let problem = OrderItemsValidation.problem(text, currency: currency) {
            row.fail("items", problem)
            items = nil
        }
        guard row.issues.isEmpty, let id, let customerID, let orderedAt, let currency, let amount, let status,
            let baseMinor = rates.baseMinorUnits(amount, in: currency)
        else { return .failure(RowIssues(row.issues)) }
        let order = Order(
            id: id,
            customerID: customerID,
            orderedAt: orderedAt,
            amountMinor: amount,
            currency: currency,
            status: status,
            items: items,
            promoCode: row.text("promo_code")
        )
        return .success(Row(order: order, baseMinor: baseMinor, line: record.line))
    }

    private func currency(_ row: inout RowReader) -> Currency? {
        guard let code = row.required("currency") else { return nil }
        guard let currency = Currency(code) else {
            row.fail("currency", "\"\(code)\" is not an ISO 4217 code")
            return nil
        }
        guard rates.canConvert(currency) else {
            row.fail(
                "currency",
                "no exchange rate for \(code): add it to fx_rates in config/homing.yaml (units of \(code) per 1 \(rates.base.code))"
            )
            return nil
        }
        return currency
    }
}
