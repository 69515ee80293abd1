import HomingCore

/// Where an enrolment stands. `control` is the holdout: recorded, never sent anything.
public enum EnrolmentState: String, Sendable, CaseIterable {
    case active, control, completed, exited, converted
}

/// Where an outbox row stands (DESIGN §5).
///
/// `scheduled` and `retry` wait for `due_at`; `claimed` belongs to a dispatcher until its lease
/// ends; `sent`, `dead`, `skipped` and `suppressed` are final until an operator requeues dead rows.
public enum OutboxState: String, Sendable, CaseIterable {
    case scheduled, claimed, sent, retry, dead, skipped, suppressed
}

/// A customer as journeys see them: contact, consent, activity and current segment.
///
/// ```swift
/// let audience = try store.recipients(inSegments: ["at_risk"])
/// audience.first?.customer.consent.email
/// ```
public struct Recipient: Sendable {
    public var key: Int64
    public var customer: Customer
    /// The latest completed order, from the per-customer aggregates.
    public var lastOrderAt: Instant?
    /// The segment in the latest saved snapshot, or nil when not scored there.
    public var segment: String?

    public init(key: Int64, customer: Customer, lastOrderAt: Instant?, segment: String?) {
        self.key = key
        self.customer = customer
        self.lastOrderAt = lastOrderAt
        self.segment = segment
    }
}

/// A new enrolment, before it has an id.
public struct NewEnrolment: Sendable {
    public var journey: String
    public var customerKey: Int64
    /// The order id for per-order journeys, a re-entry marker, or "" for a first entry.
    public var triggerKey: String
    public var enteredAt: Instant
    public var segment: String?
    public var state: EnrolmentState
    /// Where the program stands once the steps planned in the same transaction are written; nil
    /// means at the first step, due at entry. Lets a launch write each enrolment once.
    public var cursor: EnrolmentCursor?

    public init(
        journey: String,
        customerKey: Int64,
        triggerKey: String,
        enteredAt: Instant,
        segment: String?,
        state: EnrolmentState,
        cursor: EnrolmentCursor? = nil
    ) {
        self.journey = journey
        self.customerKey = customerKey
        self.triggerKey = triggerKey
        self.enteredAt = enteredAt
        self.segment = segment
        self.state = state
        self.cursor = cursor
    }
}

/// An enrolment's program position: its next step, when that is due, and why it ended.
public struct EnrolmentCursor: Sendable, Equatable {
    public var nextStep: Int
    /// nil once the enrolment has ended.
    public var nextAt: Instant?
    public var endReason: String?

    public init(nextStep: Int, nextAt: Instant?, endReason: String? = nil) {
        self.nextStep = nextStep
        self.nextAt = nextAt
        self.endReason = endReason
    }
}

/// An active enrolment whose next step is due, with the facts its steps decide on.
public struct DueEnrolment: Sendable {
    public var id: Int64
    public var journey: String
    public var triggerKey: String
    public var enteredAt: Instant
    /// The segment the customer was in on entry.
    public var entrySegment: String?
    public var nextStep: Int
    /// When the next step fell due: waits count from here, not from when a worker got to it.
    public var dueAt: Instant
    public var recipient: Recipient
    /// The first completed order after entry, for `exit_if: ordered_since_entry` and the goal.
    public var firstOrderSinceEntry: Instant?

    public init(
        id: Int64,
        journey: String,
        triggerKey: String,
        enteredAt: Instant,
        entrySegment: String?,
        nextStep: Int,
        dueAt: Instant,
        recipient: Recipient,
        firstOrderSinceEntry: Instant?
    ) {
        self.id = id
        self.journey = journey
        self.triggerKey = triggerKey
        self.enteredAt = enteredAt
        self.entrySegment = entrySegment
        self.nextStep = nextStep
        self.dueAt = dueAt
        self.recipient = recipient
        self.firstOrderSinceEntry = firstOrderSinceEntry
    }
}

/// Where an enrolment goes next: another step at a time, or an end.
public struct EnrolmentUpdate: Sendable {
    public var id: Int64
    public var state: EnrolmentState
    public var nextStep: Int
    public var nextAt: Instant?
    public var endReason: String?

    public init(id: Int64, state: EnrolmentState, nextStep: Int, nextAt: Instant?, endReason: String? = nil) {
        self.id = id
        self.state = state
        self.nextStep = nextStep
        self.nextAt = nextAt
        self.endReason = endReason
    }
}

/// One planned send. `key` is unique: planning the same send twice inserts nothing.
public struct NewOutboxRow: Sendable {
    public var key: String
    public var enrolmentID: Int64
    public var journey: String
    public var stepID: String
    public var message: String
    public var channel: String
    public var customerKey: Int64
    public var transactional: Bool
    /// The promo offer as `CODE;PERCENT;EXPIRES_MS`, decided at planning so retries send the same code.
    public var offer: String?
    public var dueAt: Instant

    public init(
        key: String,
        enrolmentID: Int64,
        journey: String,
        stepID: String,
        message: String,
        channel: String,
        customerKey: Int64,
        transactional: Bool,
        offer: String? = nil,
        dueAt: Instant
    ) {
        self.key = key
        self.enrolmentID = enrolmentID
        self.journey = journey
        self.stepID = stepID
        self.message = message
        self.channel = channel
        self.customerKey = customerKey
        self.transactional = transactional
        self.offer = offer
        self.dueAt = dueAt
    }
}

/// An outbox row a dispatcher holds under lease, with what it needs to check, render and send it.
public struct ClaimedMessage: Sendable {
    public var id: Int64
    public var key: String
    public var journey: String
    public var stepID: String
    public var message: String
    public var channel: String
    public var transactional: Bool
    public var offer: String?
    /// Attempts made before this one.
    public var attempts: Int
    /// The order id when the enrolment was triggered by an order.
    public var triggerKey: String
    public var recipient: Recipient

    public init(
        id: Int64,
        key: String,
        journey: String,
        stepID: String,
        message: String,
        channel: String,
        transactional: Bool,
        offer: String?,
        attempts: Int,
        triggerKey: String,
        recipient: Recipient
    ) {
        self.id = id
        self.key = key
        self.journey = journey
        self.stepID = stepID
        self.message = message
        self.channel = channel
        self.transactional = transactional
        self.offer = offer
        self.attempts = attempts
        self.triggerKey = triggerKey
        self.recipient = recipient
    }
}

/// What became of a claimed row, written back in a batch.
public struct DeliveryRecord: Sendable {
    public enum Result: Sendable {
        /// The provider accepted it.
        case sent(providerMessageID: String?, locale: String?)
        /// Try again at `dueAt` (an attempt was made).
        case retry(dueAt: Instant, reason: String)
        /// Not sent yet and no attempt made: quiet hours or a deferring cap.
        case deferred(dueAt: Instant, reason: String)
        /// Out of attempts or refused for good.
        case dead(reason: String)
        /// Not sent by rule (no consent, no address, a skipping cap).
        case skipped(reason: String)
        /// Not sent: the address is suppressed, or the provider said it is invalid (then
        /// `suppress` holds the address to add to the suppression list).
        case suppressed(reason: String, suppress: String?)
    }

    public var outboxID: Int64
    public var channel: String
    public var result: Result

    public init(outboxID: Int64, channel: String, result: Result) {
        self.outboxID = outboxID
        self.channel = channel
        self.result = result
    }
}

/// One outbox row as `homing status` and tests read it.
public struct OutboxEntry: Sendable, Hashable {
    public var key: String
    public var journey: String
    public var stepID: String
    public var message: String
    public var channel: String
    public var customerID: String
    public var state: OutboxState
    public var reason: String?
    public var dueAt: Instant
    public var attempts: Int
    public var offer: String?
}
