import HomingCore

/// Something a shop told Homing by webhook, already validated: the customer and order to upsert,
/// and which journey entries it triggers.
///
/// ```swift
/// let event = InboundEvent(
///     source: "shopify", id: "b54557e4-…", topic: "orders/paid",
///     customer: CustomerChange(customer, presentColumns: ["customer_id", "email"]),
///     order: row, triggers: [.orderCompleted]
/// )
/// let result = try await ingestor.apply(event)      // .applied(…) or .duplicate
/// ```
public struct InboundEvent: Sendable {
    /// Where it came from (`shopify`, `events`): with `id`, the key a redelivery is recognised by.
    public var source: String
    public var id: String
    public var topic: String
    public var customer: CustomerChange?
    /// Its customer must exist, or be `customer`.
    public var order: OrderRowParser.Row?
    public var triggers: Set<InboundTrigger>

    public init(
        source: String,
        id: String,
        topic: String,
        customer: CustomerChange? = nil,
        order: OrderRowParser.Row? = nil,
        triggers: Set<InboundTrigger> = []
    ) {
        self.source = source
        self.id = id
        self.topic = topic
        self.customer = customer
        self.order = order
        self.triggers = triggers
    }
}

/// A customer to upsert, and the columns the sender gave: the others keep their stored values.
public struct CustomerChange: Sendable {
    public var customer: Customer
    public var presentColumns: Set<String>

    public init(_ customer: Customer, presentColumns: Set<String>) {
        self.customer = customer
        self.presentColumns = presentColumns
    }
}

/// The journey entries an event can start.
public enum InboundTrigger: Sendable, Hashable {
    /// Journeys entered on a new customer (welcome).
    case customerCreated
    /// Journeys entered on a completed order (post-purchase), once per order.
    case orderCompleted
}

/// What applying an event did.
public enum InboundResult: Sendable, Equatable {
    /// Recorded and applied; `enrolled` journeys entered, `planned` messages planned.
    case applied(enrolled: Int, planned: Int)
    /// The same (source, id) was applied before; nothing was written.
    case duplicate
}

/// An event that cannot be applied as sent, naming the field to fix.
///
/// ```swift
/// InboundEventError(field: "customer_id", "no customer \"c9\"; send customer.created first")
/// ```
public struct InboundEventError: Error, Sendable, Equatable, CustomStringConvertible {
    public var field: String?
    public var message: String

    public init(field: String?, _ message: String) {
        self.field = field
        self.message = message
    }

    public var description: String { field.map { "\($0): \(message)" } ?? message }
}
