/// An order as imported: amounts in the order's currency, plus its value in the base currency.
///
/// ```swift
/// let order = Order(id: "o1", customerID: "c42", orderedAt: try Instant(iso8601: "2026-03-05T14:22:10Z"),
///                   amountMinor: 4590, currency: Currency("EUR")!, status: .completed)
/// ```
public struct Order: Hashable, Sendable {
    public var id: String
    public var customerID: String
    public var orderedAt: Instant
    /// The amount in minor units of `currency`.
    public var amountMinor: Int64
    public var currency: Currency
    public var status: OrderStatus
    /// The line items as the shop sent them (a JSON array of `{name, quantity, price}`), if any.
    public var items: String?
    public var promoCode: String?

    public init(
        id: String,
        customerID: String,
        orderedAt: Instant,
        amountMinor: Int64,
        currency: Currency,
        status: OrderStatus,
        items: String? = nil,
        promoCode: String? = nil
    ) {
        self.id = id
        self.customerID = customerID
        self.orderedAt = orderedAt
        self.amountMinor = amountMinor
        self.currency = currency
        self.status = status
        self.items = items
        self.promoCode = promoCode
    }
}

/// Where an order ended up. Only `completed` orders count for RFM, metrics and journeys.
public enum OrderStatus: String, Hashable, Sendable, CaseIterable {
    case completed
    case refunded
    case cancelled
}
