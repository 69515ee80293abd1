import HomingCore
import HomingStore

/// Applies inbound events with group commit: every event waiting when a write starts goes into
/// that one transaction, each under its own savepoint, and each caller resumes only once its event
/// is durable. A webhook is answered 200 only after that.
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
public final class EventIngestor: Sendable {
    private let commits: GroupCommit<InboundEvent, InboundResult>

    public init(
        store: any InboundStore,
        planner: JourneyPlanner,
        clock: @escaping @Sendable () -> Instant = { .now }
    ) {
        commits = GroupCommit(label: "homing.inbound") { events in
            let now = clock()
            return try store.inboundTransaction { writer in
                events.map { event in
                    Result { try writer.applying { try Self.apply(event, planner: planner, writer: writer, now: now) } }
                }
            }
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
