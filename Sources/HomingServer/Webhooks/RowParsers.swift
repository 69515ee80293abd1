import HomingCore
import Synchronization

/// The customer and order row parsers for each set of columns webhooks send, built once and kept.
///
/// ```swift
/// let parsers = RowParsers(rates: intake.rates)      // one per server, kept by the routes
/// let (parser, present) = try parsers.customer(columns: ["customer_id", "email"])
/// let orders = try parsers.order(columns: ColumnRecord.requiredOrderColumns)
/// ```
///
/// A route sees few column sets (a Shopify order leaves out the fields its payload lacks), and
/// mapping a header to its columns again for every request was a twentieth of a webhook's CPU.
/// Only headers that parse are kept, at most ``limit`` per kind: a signed sender could name
/// columns at will, and past the limit a parser is built for the request and dropped.
final class RowParsers: Sendable {
    /// At most this many column sets are kept for customers, and as many for orders.
    static let limit = 64

    let rates: ExchangeRates
    private let customers = Mutex<[[String]: CustomerParser]>([:])
    private let orders = Mutex<[[String]: OrderRowParser]>([:])

    /// A customer parser and the known columns present, which an update writes and no other.
    struct CustomerParser: Sendable {
        var parser: CustomerRowParser
        var present: Set<String>
    }

    init(rates: ExchangeRates) {
        self.rates = rates
    }

    func customer(columns: [String]) throws(HeaderError) -> CustomerParser {
        if let kept = customers.withLock({ $0[columns] }) { return kept }
        let parser = try CustomerRowParser(header: columns)
        let built = CustomerParser(parser: parser, present: parser.columns.present)
        customers.withLock { kept in
            if kept.count < Self.limit { kept[columns] = built }
        }
        return built
    }

    /// An order parser valuing orders with ``rates``.
    func order(columns: [String]) throws(HeaderError) -> OrderRowParser {
        if let kept = orders.withLock({ $0[columns] }) { return kept }
        let parser = try OrderRowParser(header: columns, rates: rates)
        orders.withLock { kept in
            if kept.count < Self.limit { kept[columns] = parser }
        }
        return parser
    }
}
