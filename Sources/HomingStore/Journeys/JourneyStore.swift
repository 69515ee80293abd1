import HomingCore

/// The store's side of journeys: enrolments, the outbox, suppressions and journey controls.
///
/// ```swift
/// try store.journeyTransaction { writer in
///     if let id = try writer.insertEnrolment(enrolment) {
///         try writer.insertOutbox(row(for: id))
///     }
/// }
/// let batch = try store.claimDue(now: .now, limit: 500, lease: .seconds(30), worker: "w1")
/// try store.record(outcomes)
/// ```
///
/// Every write that plans something goes through ``journeyTransaction(_:)``, one IMMEDIATE
/// transaction: two launches running at once are serialised by the database, and the unique keys
/// on enrolments and outbox rows make a repeated plan a no-op.
public protocol JourneyStore: Store {
    /// Customers with their aggregates and latest-snapshot segment; `segments` nil means everyone.
    func recipients(inSegments segments: Set<String>?) throws -> [Recipient]

    /// Completed orders placed at or after `since`, oldest first: the triggers of per-order journeys.
    func completedOrders(since: Instant) throws -> [(orderID: String, customerKey: Int64, orderedAt: Instant)]

    /// The customer behind `key`, with aggregates and segment.
    func recipient(key: Int64) throws -> Recipient?

    /// Runs `body` in one write transaction; it commits when `body` returns `commit: true`.
    func journeyTransaction<T>(_ body: (any JourneyWriter) throws -> (T, commit: Bool)) throws -> T

    /// Active enrolments due at `now`, oldest due first.
    func dueEnrolments(now: Instant, limit: Int) throws -> [DueEnrolment]

    /// Claims up to `limit` due rows (scheduled, retry, or claimed with an expired lease) of journeys
    /// that are not paused, under a lease until `now + lease`.
    func claimDue(now: Instant, limit: Int, lease: Duration, worker: String) throws -> [ClaimedMessage]

    /// Writes outcomes of rows this worker claimed, and adds invalid recipients to the suppressions.
    func record(_ records: [DeliveryRecord], worker: String, now: Instant) throws

    /// Writes `records` as ``record(_:worker:now:)`` does, then claims up to `claimLimit` due rows as
    /// ``claimDue(now:limit:lease:worker:)`` does (none when it is 0), in one transaction: a
    /// dispatcher's pass costs one commit. The records are durable once this returns.
    func recordAndClaim(
        _ records: [DeliveryRecord],
        worker: String,
        now: Instant,
        claimLimit: Int,
        lease: Duration
    ) throws -> [ClaimedMessage]

    /// Puts this worker's unfinished claims back, due at once (clean shutdown).
    func releaseClaims(worker: String) throws -> Int

    /// Marketing sends to each of `customerKeys` since `since`, by customer key; one query for a
    /// claimed batch rather than one per message.
    func marketingSends(customerKeys: [Int64], since: Instant) throws -> [Int64: [MarketingSend]]

    /// Those of `addresses` on the channel's suppression list.
    func suppressedAddresses(channel: String, among addresses: [String]) throws -> Set<String>

    /// Whether the address is on the suppression list for the channel.
    func isSuppressed(channel: String, address: String) throws -> Bool

    /// The earliest `due_at` of a claimable row or `next_at` of an active enrolment, if any.
    func nextDueInstant() throws -> Instant?

    /// Pauses or resumes a journey's sends; returns whether the state changed.
    func setPaused(_ paused: Bool, journey: String) throws -> Bool

    /// Journeys currently paused.
    func pausedJourneys() throws -> Set<String>

    /// Requeues dead rows (all journeys when nil) with fresh attempts; returns how many.
    func requeueDead(journey: String?, now: Instant) throws -> Int

    /// Outbox rows by state, every state present (zero when none): `homing serve`'s
    /// `homing_outbox_depth` gauge, read on each `/metrics` scrape with one grouped count.
    func outboxDepth() throws -> [OutboxState: Int]

    /// Counts for `homing status`.
    func journeyStatus(journey: String?) throws -> JourneyStatusReport

    /// The last segment snapshot this journey has enrolled entrants from.
    func lastEnrolledSnapshot(journey: String) throws -> Int64?

    /// Customers (key, segment) whose segment in snapshot `id` is in `segments` and was not in the
    /// snapshot before it. Empty when `id` is the first snapshot: the first snapshot is a baseline.
    func segmentEntrants(snapshot id: Int64, segments: Set<String>) throws -> [(customerKey: Int64, segment: String)]
}

/// The writes of one planning transaction.
public protocol JourneyWriter: AnyObject {
    /// When each customer who ever entered the journey last entered it, by customer key: read once
    /// per launch rather than once per candidate.
    func latestEntries(journey: String) throws -> [Int64: Instant]

    /// When this customer last entered the journey: the lookup for a handful of candidates (a webhook).
    func latestEntry(journey: String, customerKey: Int64) throws -> Instant?

    /// Inserts the enrolment; nil when (journey, customer, trigger) is already enrolled.
    func insertEnrolment(_ enrolment: NewEnrolment) throws -> Int64?

    func updateEnrolment(_ update: EnrolmentUpdate, now: Instant) throws

    /// Inserts the row; false when its key is already planned.
    @discardableResult
    func insertOutbox(_ row: NewOutboxRow, now: Instant) throws -> Bool

    func markSnapshotEnrolled(journey: String, snapshot: Int64) throws
}

/// What `homing status` shows.
public struct JourneyStatusReport: Sendable {
    /// (journey, state, count) of enrolments.
    public var enrolments: [(journey: String, state: String, count: Int)] = []
    /// (journey, state, channel, locale, count) of outbox rows; locale is nil until sent.
    public var deliveries: [(journey: String, state: String, channel: String, locale: String?, count: Int)] = []
    /// The latest reasons of dead, retried and skipped rows: (journey, state, reason, count).
    public var reasons: [(journey: String, state: String, reason: String, count: Int)] = []
    public var paused: Set<String> = []

    public init() {}
}

/// A marketing message sent to a customer: what frequency caps count.
public struct MarketingSend: Sendable, Hashable {
    public var outboxID: Int64
    public var channel: String
    public var sentAt: Instant

    public init(outboxID: Int64, channel: String, sentAt: Instant) {
        self.outboxID = outboxID
        self.channel = channel
        self.sentAt = sentAt
    }
}
