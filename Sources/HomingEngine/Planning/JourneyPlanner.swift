import Foundation
import HomingCore
import HomingStore

/// Enrols customers in journeys and moves enrolments through their steps, writing outbox rows.
///
/// ```swift
/// let planner = JourneyPlanner(store: store, journeys: config.journeys)
/// let summary = try planner.enrol(winBack, candidates: candidates, now: .now, dryRun: false)
/// try planner.planDue(now: .now)      // advance enrolments whose wait is over
/// ```
///
/// Planning never sends: it decides what to send and when, in one transaction per batch, so a
/// crash loses nothing and a replay plans nothing twice (the outbox key is unique).
public struct JourneyPlanner: Sendable {
    public let store: any JourneyStore
    public let journeys: [String: JourneyDefinition]
    public var defaultTimeZone: String
    /// Quiet hours to preview in launch summaries (they are enforced at send time either way).
    public var previewQuietHours: [DeliveryChannel: QuietHours] = [:]

    public init(store: any JourneyStore, journeys: [JourneyDefinition], defaultTimeZone: String = "UTC") {
        self.store = store
        self.journeys = Dictionary(journeys.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        self.defaultTimeZone = defaultTimeZone
    }

    /// One customer who may enter a journey, and what triggered it.
    public struct Candidate: Sendable {
        public var recipient: Recipient
        /// The order id for per-order journeys; ignored otherwise.
        public var orderID: String?

        public init(recipient: Recipient, orderID: String? = nil) {
            self.recipient = recipient
            self.orderID = orderID
        }
    }

    /// Enrols `candidates` in `journey` and plans their first sends. With `dryRun`, the same
    /// decisions are made in a transaction that is rolled back, so the summary is exact and
    /// nothing is written.
    public func enrol(
        _ journey: JourneyDefinition,
        candidates: [Candidate],
        now: Instant,
        dryRun: Bool
    ) throws -> LaunchSummary {
        try store.journeyTransaction { writer in
            (try enrol(journey, candidates: candidates, now: now, writer: writer), commit: !dryRun)
        }
    }

    /// Enrols `candidates` within a transaction the caller holds, e.g. the one that also records the
    /// webhook that triggered the entry, so both commit together or not at all.
    public func enrol(
        _ journey: JourneyDefinition,
        candidates: [Candidate],
        now: Instant,
        writer: any JourneyWriter
    ) throws -> LaunchSummary {
        var summary = LaunchSummary(journey: journey.id)
        var entries: [Int64: Instant] = [:]
        if journey.reentry == .perTrigger {
            // Entries do not matter: the trigger key alone decides.
        } else if candidates.count <= 64 {
            // A webhook's one or two candidates: look them up rather than read the whole journey.
            for candidate in candidates {
                let key = candidate.recipient.key
                entries[key] = try writer.latestEntry(journey: journey.id, customerKey: key)
            }
        } else {
            entries = try writer.latestEntries(journey: journey.id)
        }
        for candidate in candidates {
            try enrol(journey, candidate, now: now, writer: writer, entries: &entries, summary: &summary)
        }
        return summary
    }

    private func enrol(
        _ journey: JourneyDefinition,
        _ candidate: Candidate,
        now: Instant,
        writer: any JourneyWriter,
        entries: inout [Int64: Instant],
        summary: inout LaunchSummary
    ) throws {
        let recipient = candidate.recipient
        let customer = recipient.customer
        guard journey.audience.admits(segment: recipient.segment, locale: customer.locale, consent: customer.consent)
        else {
            summary.outsideAudience += 1
            return
        }
        var trigger = ""
        if journey.reentry == .perTrigger {
            trigger = candidate.orderID ?? ""
        } else if let previous = entries[recipient.key] {
            guard journey.reentry.allowsEntry(previousEntry: previous, now: now) else {
                summary.alreadyEnrolled += 1
                return
            }
            trigger = "reentry:\(now.millisecondsSince1970)"
        }
        let control = Holdout.isControl(journeyID: journey.id, customerID: customer.id, share: journey.holdoutShare)
        var due = DueEnrolment(
            id: 0,
            journey: journey.id,
            triggerKey: trigger,
            enteredAt: now,
            entrySegment: recipient.segment,
            nextStep: 0,
            dueAt: now,
            recipient: recipient,
            firstOrderSinceEntry: nil
        )
        // The program runs before the insert, which then writes the enrolment's final cursor: one
        // row write per customer instead of an insert and an update (and no passing entry in
        // enrolments_due). The steps do not depend on the enrolment's id; only the sends' keys do.
        let run = control ? nil : interpret(due, journey: journey, now: now)
        var enrolment = NewEnrolment(
            journey: journey.id,
            customerKey: recipient.key,
            triggerKey: trigger,
            enteredAt: now,
            segment: recipient.segment,
            state: control ? .control : .active
        )
        if let update = run?.update {
            enrolment.state = update.state
            enrolment.cursor = EnrolmentCursor(
                nextStep: update.nextStep,
                nextAt: update.nextAt,
                endReason: update.endReason
            )
        }
        guard let id = try writer.insertEnrolment(enrolment) else {
            summary.alreadyEnrolled += 1
            return
        }
        if journey.reentry != .perTrigger { entries[recipient.key] = now }
        guard let run else {
            summary.holdout += 1
            return
        }
        summary.enrolled += 1
        due.id = id
        for (step, stepID) in run.sends {
            try plan(step, stepID: stepID, enrolment: due, now: now, writer: writer, planned: &summary.planned)
        }
    }

    /// Advances every enrolment due at `now`, and enrols customers who entered a journey's trigger
    /// segments in the latest snapshot. Returns the number of enrolments it moved.
    @discardableResult
    public func planDue(now: Instant, limit: Int = 2000) throws -> Int {
        try enrolSegmentEntrants(now: now)
        let due = try store.dueEnrolments(now: now, limit: limit)
        guard !due.isEmpty else { return 0 }
        try store.journeyTransaction { writer in
            var planned = PlannedSends()
            for enrolment in due {
                guard let journey = journeys[enrolment.journey] else {
                    // A journey removed from config: end its enrolments rather than spin on them.
                    try writer.updateEnrolment(
                        EnrolmentUpdate(
                            id: enrolment.id,
                            state: .exited,
                            nextStep: enrolment.nextStep,
                            nextAt: nil,
                            endReason: "journey no longer configured"
                        ),
                        now: now
                    )
                    continue
                }
                // The step's own due time, so consecutive waits add up exactly (7 d + 7 d = 14 d).
                let due = min(enrolment.dueAt, now)
                try advance(enrolment, journey: journey, now: due, writer: writer, planned: &planned)
            }
            return ((), commit: true)
        }
        return due.count
    }

    private func enrolSegmentEntrants(now: Instant) throws {
        for journey in journeys.values.sorted(by: { $0.id < $1.id }) {
            guard case .segmentEntered(let segments) = journey.entry else { continue }
            guard let latest = try store.latestSegmentSnapshot()?.id,
                latest != (try store.lastEnrolledSnapshot(journey: journey.id))
            else { continue }
            let entrants = Set(try store.segmentEntrants(snapshot: latest, segments: segments).map(\.customerKey))
            let candidates = try store.recipients(inSegments: segments).filter { entrants.contains($0.key) }
            _ = try enrol(journey, candidates: candidates.map { Candidate(recipient: $0) }, now: now, dryRun: false)
            try store.journeyTransaction { writer in
                try writer.markSnapshotEnrolled(journey: journey.id, snapshot: latest)
                return ((), commit: true)
            }
        }
    }

    /// Runs the enrolment's program from its cursor until it waits or ends, planning each send.
    func advance(
        _ enrolment: DueEnrolment,
        journey: JourneyDefinition,
        now: Instant,
        writer: any JourneyWriter,
        planned: inout PlannedSends
    ) throws {
        let run = interpret(enrolment, journey: journey, now: now)
        for (step, stepID) in run.sends {
            try plan(step, stepID: stepID, enrolment: enrolment, now: now, writer: writer, planned: &planned)
        }
        try writer.updateEnrolment(run.update, now: now)
    }

    /// The sends the program makes from the enrolment's cursor until it waits or ends, and the
    /// cursor it ends on. Pure: nothing is written.
    func interpret(
        _ enrolment: DueEnrolment,
        journey: JourneyDefinition,
        now: Instant
    ) -> (sends: [(SendStep, String)], update: EnrolmentUpdate) {
        let customer = enrolment.recipient.customer
        let zone = TimeZoneCache.zone(customer.timeZone ?? defaultTimeZone) ?? TimeZone(identifier: "UTC")!
        let facts = Self.facts(for: enrolment)
        var index = enrolment.nextStep
        var sends: [(SendStep, String)] = []
        var update = EnrolmentUpdate(id: enrolment.id, state: .completed, nextStep: index, nextAt: nil)
        // Each pass consumes at least one instruction, so the program's length bounds the loop.
        for _ in 0...journey.program.instructions.count {
            switch JourneyInterpreter.advance(journey.program, from: index, facts: facts, now: now, timeZone: zone) {
            case .send(let step, let stepID, let next):
                sends.append((step, stepID))
                index = next
                update.nextStep = next
                continue
            case .wait(let until, _, let next):
                update = EnrolmentUpdate(id: enrolment.id, state: .active, nextStep: next, nextAt: until)
            case .exited(let condition):
                update = EnrolmentUpdate(
                    id: enrolment.id,
                    state: .exited,
                    nextStep: index,
                    nextAt: nil,
                    endReason: "\(condition)"
                )
            case .converted(let at):
                update = EnrolmentUpdate(
                    id: enrolment.id,
                    state: .converted,
                    nextStep: index,
                    nextAt: nil,
                    endReason: "ordered at \(at)"
                )
            case .completed:
                update = EnrolmentUpdate(id: enrolment.id, state: .completed, nextStep: index, nextAt: nil)
            }
            break
        }
        return (sends, update)
    }

    private func plan(
        _ step: SendStep,
        stepID: String,
        enrolment: DueEnrolment,
        now: Instant,
        writer: any JourneyWriter,
        planned: inout PlannedSends
    ) throws {
        let customer = enrolment.recipient.customer
        // No reachable channel still gets a row on the first preference: the dispatcher records
        // it as skipped with the reason, so `homing status` shows why the customer got nothing.
        var channels = step.channels.resolve(for: customer)
        let reachable = !channels.isEmpty
        if channels.isEmpty, let first = step.channels.channels.first { channels = [first] }
        let zone = TimeZoneCache.zone(customer.timeZone ?? defaultTimeZone) ?? TimeZone(identifier: "UTC")!
        for channel in channels {
            let key = IdempotencyKey.make(
                journey: enrolment.journey,
                enrolment: enrolment.id,
                step: stepID,
                customerID: customer.id,
                channel: channel
            )
            let offer = step.offer.map { offer in
                PlannedOffer(
                    code: PlannedOffer.code(prefix: offer.codePrefix, key: key),
                    percent: offer.percent,
                    expiresAt: now.adding(seconds: offer.validForSeconds)
                ).encoded
            }
            let row = NewOutboxRow(
                key: key,
                enrolmentID: enrolment.id,
                journey: enrolment.journey,
                stepID: stepID,
                message: step.message,
                channel: channel.rawValue,
                customerKey: enrolment.recipient.key,
                transactional: step.transactional,
                offer: offer,
                dueAt: now
            )
            if try writer.insertOutbox(row, now: now) {
                planned.add(channel: channel, locale: customer.locale?.description ?? "default", message: step.message)
                if !reachable {
                    planned.unreachable += 1
                } else if let quiet = previewQuietHours[channel], quiet.deferral(for: now, in: zone) != nil {
                    planned.inQuietHours += 1
                }
            }
        }
    }

    static func facts(for enrolment: DueEnrolment) -> EnrolmentFacts {
        let customer = enrolment.recipient.customer
        var attributes: [String: String] = [:]
        if let country = customer.country { attributes["country"] = country }
        if let zone = customer.timeZone { attributes["timezone"] = zone }
        let unsubscribed = Set(DeliveryChannel.allCases.filter { $0.needsConsent && !customer.consent.allows($0) })
        return EnrolmentFacts(
            enteredAt: enrolment.enteredAt,
            firstOrderSinceEntry: enrolment.firstOrderSinceEntry,
            entrySegment: enrolment.entrySegment,
            currentSegment: enrolment.recipient.segment,
            locale: customer.locale,
            attributes: attributes,
            unsubscribedFromAll: unsubscribed.count == 3,
            unsubscribedChannels: unsubscribed
        )
    }
}
