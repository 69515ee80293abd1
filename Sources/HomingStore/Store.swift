import HomingCore

/// Where Homing keeps customers, orders and everything derived from them.
///
/// ```swift
/// let store: any Store = try SQLiteStore(path: "homing.db")
/// let activity = try store.customerActivity(asOf: .now)
/// ```
///
/// The SQLite implementation is the embedded default; a PostgreSQL one can follow behind the same
/// protocol. Contract for implementations:
/// - an import runs in one transaction: `importTransaction` commits only when its body says so;
/// - per-customer aggregates are current when an import transaction commits, so readers never rescan
///   all orders to score customers;
/// - instants are UTC milliseconds; money is integer minor units.
public protocol Store: Sendable {
    /// The customer with this id, if any.
    func customer(id: String) throws -> Customer?

    /// The customer's most recent completed order, if any.
    func latestCompletedOrder(customerID: String) throws -> Order?

    /// Withdraws the customer's consent on `channels` (an unsubscribe); false when there is no
    /// such customer. Consent is checked at send time, so planned messages stop too.
    func withdrawConsent(customerID: String, channels: Set<DeliveryChannel>) throws -> Bool

    /// The order with this id, whatever its status.
    func order(id: String) throws -> Order?

    /// Every customer id and its store key; importers resolve order rows with it.
    func customerKeys() throws -> [String: Int64]

    /// Runs `body` inside one write transaction; it commits when `body` returns `(value, commit: true)`.
    func importTransaction<T>(_ body: (any ImportTransaction) throws -> (T, commit: Bool)) throws -> T

    /// Every customer with a completed order at or before `asOf`, with their activity up to `asOf`,
    /// and how many customers have none (the prospects).
    func customerActivity(asOf: Instant) throws -> ActivityPopulation

    /// Calls `body` with (customer key, ordered at, base minor units) for each completed order in `window`.
    func forEachCompletedOrder(in window: DateWindow, _ body: (Int64, Instant, Int64) -> Void) throws

    /// Each scored customer's first completed order, by store key.
    func firstOrderInstants() throws -> [Int64: Instant]

    /// Stores a segmentation run so journeys can react to customers entering a segment; returns its id.
    @discardableResult
    func saveSegmentSnapshot(_ snapshot: SegmentSnapshot) throws -> Int64

    /// The most recent saved snapshot's id and `as_of`, if any.
    func latestSegmentSnapshot() throws -> (id: Int64, asOf: Instant)?
}

/// Scored customers as the store sees them: store key plus activity.
public struct ActivityPopulation: Sendable {
    public var keys: [Int64]
    public var activities: [CustomerActivity]
    public var prospects: Int

    public init(keys: [Int64], activities: [CustomerActivity], prospects: Int) {
        self.keys = keys
        self.activities = activities
        self.prospects = prospects
    }
}

/// One saved segmentation run: which segment each scored customer was in at `asOf`.
public struct SegmentSnapshot: Sendable {
    public var asOf: Instant
    public var method: String
    public var customerKeys: [Int64]
    public var segments: [String]
    public var scores: [RFMScore]

    public init(asOf: Instant, method: String, customerKeys: [Int64], segments: [String], scores: [RFMScore]) {
        self.asOf = asOf
        self.method = method
        self.customerKeys = customerKeys
        self.segments = segments
        self.scores = scores
    }
}

/// The writes of one import; see `Store.importTransaction`.
public protocol ImportTransaction: AnyObject {
    /// Inserts new customers and updates changed ones; `presentColumns` limits what an update may overwrite,
    /// so a file without a column never erases that column's stored values.
    func upsert(customers: [Customer], presentColumns: Set<String>) throws -> UpsertCounts

    /// Inserts new orders and updates changed ones. `customerKeys[i]` is the key of `orders[i].order.customerID`.
    func upsert(orders: [OrderRowParser.Row], customerKeys: [Int64]) throws -> UpsertCounts

    /// Brings the per-customer aggregates up to date with everything written in this transaction.
    func finish() throws
}

/// What an upsert did, row by row.
public struct UpsertCounts: Hashable, Sendable {
    public var inserted = 0
    public var updated = 0
    public var unchanged = 0

    public init(inserted: Int = 0, updated: Int = 0, unchanged: Int = 0) {
        self.inserted = inserted
        self.updated = updated
        self.unchanged = unchanged
    }

    public static func += (lhs: inout UpsertCounts, rhs: UpsertCounts) {
        lhs.inserted += rhs.inserted
        lhs.updated += rhs.updated
        lhs.unchanged += rhs.unchanged
    }
}
