import HomingCore
import HomingStore

/// Applies inbound events with group commit: every event waiting when a write starts goes into
/// that one transaction, and each caller resumes only once its event is durable. A webhook is
/// answered 200 only after that.
///
/// ```swift
/// let ingestor = EventIngestor(store: store, planner: planner)
/// switch try await ingestor.apply(event) {
/// case .applied(let enrolled, _): …
/// case .duplicate: …                  // {"duplicate":true}
/// }
/// ```
///
/// Applying an event records (source, id) first, so a redelivery is a no-op; then upserts the
/// customer and the order (aggregates included), and enrols the customer in the journeys its
/// triggers start. Per-order journeys key the enrolment by order id, so the same order arriving
/// under two event ids (two subscriptions, `orders/create` then `orders/paid`) plans one message.
/// An event that fails writes nothing and fails alone: the others of its batch are still applied.
public final class EventIngestor: Sendable {
    private let commits: GroupCommit<InboundEvent, InboundResult>

    public init(
        store: any InboundStore,
        planner: JourneyPlanner,
        clock: @escaping @Sendable () -> Instant = { .now }
    ) {
        commits = GroupCommit(label: "homing.inbound") { events in
            try Self.write(events, store: store, planner: planner, now: clock())
        }
    }

    /// Applies `events` in one transaction and returns each one's result, in order; throws only
    /// when the transaction itself failed. Internal so that tests can hand it a batch of their own.
    static func write(
        _ events: [InboundEvent],
        store: any InboundStore,
        planner: JourneyPlanner,
        now: Instant
    ) throws -> [Result<InboundResult, any Error>] {
        let apply = { (event: InboundEvent, writer: any InboundWriter) throws -> InboundResult in
            try Self.apply(event, planner: planner, writer: writer, now: now)
        }
        if let results = try applyOptimistically(events, store: store, apply: apply) { return results }
        return try store.inboundTransaction { writer in
            events.map { event in Result { try writer.applying { try apply(event, writer) } } }
        }
    }

    /// An event's failure inside the optimistic batch, told apart from the transaction's own.
    private struct EventFailure: Error {
        var error: any Error
    }

    /// Applies the whole batch without a savepoint per event, or returns nil, having written
    /// nothing, when one event fails: the caller then re-runs the batch with a savepoint each.
    ///
    /// Savepoints are not free: the first time an event's savepoint changes a page, SQLite copies
    /// the page to a sub-journal, which spills to a temporary file past 64 KiB (four 16 KiB pages).
    /// Measured, that was 15 times the bytes of the WAL. Most batches hold no failing event, so
    /// they skip the copies; a batch of one needs no re-run either, as the rollback undid its event.
    private static func applyOptimistically(
        _ events: [InboundEvent],
        store: any InboundStore,
        apply: (InboundEvent, any InboundWriter) throws -> InboundResult
    ) throws -> [Result<InboundResult, any Error>]? {
        do {
            return try store.inboundTransaction { writer in
                try events.map { event in
                    do { return .success(try apply(event, writer)) } catch { throw EventFailure(error: error) }
                }
            }
        } catch let failure as EventFailure {
            return events.count == 1 ? [.failure(failure.error)] : nil
        }
    }

    /// Applies `event` durably. Throws ``InboundEventError`` for an event that cannot be applied
    /// (nothing of it is written), or the store's error when the transaction failed.
    public func apply(_ event: InboundEvent) async throws -> InboundResult {
        try await commits.submit(event)
    }

    private static func apply(
        _ event: InboundEvent,
        planner: JourneyPlanner,
        writer: any InboundWriter,
        now: Instant
    ) throws -> InboundResult {
        guard try writer.recordEvent(source: event.source, id: event.id, topic: event.topic, at: now) else {
            return .duplicate
        }
        var customerKey: Int64?
        if let change = event.customer {
            _ = try writer.upsert(customers: [change.customer], presentColumns: change.presentColumns)
            customerKey = try writer.customerKey(id: change.customer.id)
        }
        if let row = event.order {
            let id = row.order.customerID
            guard let key = try writer.customerKey(id: id) else {
                throw InboundEventError(field: "customer_id", "no customer \"\(id)\"; send the customer first")
            }
            _ = try writer.upsert(orders: [row], customerKeys: [key])
            customerKey = key
        }
        try writer.finish()
        guard let customerKey, !event.triggers.isEmpty, let recipient = try writer.recipient(key: customerKey) else {
            return .applied(enrolled: 0, planned: 0)
        }
        var enrolled = 0
        var planned = 0
        for journey in planner.journeys.values.sorted(by: { $0.id < $1.id }) {
            let candidate: JourneyPlanner.Candidate
            switch journey.entry {
            case .customerCreated where event.triggers.contains(.customerCreated):
                candidate = .init(recipient: recipient)
            case .orderCompleted where event.triggers.contains(.orderCompleted):
                guard let order = event.order?.order, order.status == .completed else { continue }
                candidate = .init(recipient: recipient, orderID: order.id)
            default:
                continue
            }
            let summary = try planner.enrol(journey, candidates: [candidate], now: now, writer: writer)
            enrolled += summary.enrolled
            planned += summary.planned.counts.values.reduce(0, +)
        }
        return .applied(enrolled: enrolled, planned: planned)
    }
}
