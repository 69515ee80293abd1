import HomingCore

/// The store's side of inbound webhooks: each event is recorded, applied and planned in the same
/// transaction as its deduplication key, so an answered webhook is never lost and a redelivered
/// one changes nothing.
///
/// ```swift
/// let results = try store.inboundTransaction { writer in
///     events.map { event in
///         Result {
///             try writer.applying {
///                 guard try writer.recordEvent(source: "shopify", id: event.id, topic: event.topic, at: now)
///                 else { return false }      // seen before
///                 _ = try writer.upsert(customers: [customer], presentColumns: columns)
///                 try writer.finish()
///                 return true
///             }
///         }
///     }
/// }
/// ```
///
/// Contract: one transaction holds many events (group commit), and ``InboundWriter/applying(_:)``
/// isolates each one, so one event's failure undoes only that event's writes.
public protocol InboundStore: JourneyStore {
    /// Runs `body` in one write transaction and commits what it wrote, unless it throws.
    func inboundTransaction<T>(_ body: (any InboundWriter) throws -> T) throws -> T
}

/// The writes of one inbound transaction: an import's upserts, a planner's enrolments, and the
/// event log.
public protocol InboundWriter: ImportTransaction, JourneyWriter {
    /// Records the event; false when (source, id) was recorded before, i.e. a redelivery.
    func recordEvent(source: String, id: String, topic: String, at: Instant) throws -> Bool

    /// The store key of customer `id`, as this transaction sees it.
    func customerKey(id: String) throws -> Int64?

    /// The customer behind `key` with aggregates and segment, as this transaction sees it.
    func recipient(key: Int64) throws -> Recipient?

    /// Runs `body` so that if it throws, its writes are undone and the transaction carries on.
    func applying<T>(_ body: () throws -> T) throws -> T
}
