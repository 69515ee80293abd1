import Foundation
import HomingChannels
import HomingCore
import HomingStore
import Synchronization

/// Claims due outbox rows, checks them, renders them and sends them concurrently; records outcomes.
///
/// ```swift
/// let dispatcher = Dispatcher(planner: planner, composer: composer, adapters: [.email: smtp], rules: DeliveryRules())
/// let totals = try await dispatcher.run(untilIdle: true) { progress in bar.update(progress.settled) }
/// ```
///
/// The run is one loop of passes. A pass writes, in one transaction, the outcomes of sends that
/// finished since the last pass and claims a new batch under a lease; it then settles what the
/// ``DeliveryGate`` refuses (recorded in the next pass) and starts a task per send. Send tasks
/// hand their outcomes to the loop and end; the loop wakes once per batch of them, not once per
/// message. A send keeps its slot until its outcome is durable, so a crash resends at most
/// `concurrency` messages. `stop()` (e.g. on SIGTERM) stops claiming, lets sends in flight finish
/// and records them, and puts any claim left back.
public final class Dispatcher: Sendable {
    public let configuration: DispatcherConfiguration
    private let planner: JourneyPlanner
    private let composer: MessageComposer
    private let adapters: [DeliveryChannel: any ChannelAdapter]
    private let rules: DeliveryRules
    private let clock: @Sendable () -> Instant
    private let gate: DeliveryGate
    /// Nil for the default observer, so that nothing is built for it per pass.
    private let observer: (any DispatchObserver)?
    private let stopped = Atomic<Bool>(false)
    private let totals = Mutex(DispatchProgress())

    public init(
        planner: JourneyPlanner,
        composer: MessageComposer,
        adapters: [DeliveryChannel: any ChannelAdapter],
        rules: DeliveryRules,
        configuration: DispatcherConfiguration = DispatcherConfiguration(),
        clock: @escaping @Sendable () -> Instant = { .now }
    ) {
        self.planner = planner
        self.composer = composer
        self.adapters = adapters
        self.rules = rules
        self.configuration = configuration
        self.clock = clock
        gate = DeliveryGate(store: planner.store, rules: rules)
        observer = configuration.observer is IgnoringDispatchObserver ? nil : configuration.observer
    }

    /// Asks a running `run` to finish: no new claims; sends in flight complete and are recorded.
    public func stop() { stopped.store(true, ordering: .relaxed) }

    /// Dispatches until stopped, or with `untilIdle` until nothing is due within the idle horizon.
    public func run(
        untilIdle: Bool,
        progress: @escaping @Sendable (DispatchProgress) -> Void = { _ in }
    ) async throws -> DispatchProgress {
        let finished = FinishedSends()
        var failure: (any Error)?
        await withDiscardingTaskGroup { group in
            do {
                var state = RunState()
                while try await pass(
                    &state,
                    finished: finished,
                    group: &group,
                    untilIdle: untilIdle,
                    progress: progress
                ) {}
            } catch {
                failure = error
            }
        }
        let store = planner.store
        if failure != nil {
            // The group has waited for the sends in flight; their outcomes are worth one more try.
            try? store.record(finished.takeAll().map(\.record), worker: configuration.worker, now: clock())
        }
        _ = try? store.releaseClaims(worker: configuration.worker)
        if let failure { throw failure }
        return totals.withLock { $0 }
    }

    /// What one `run` carries from pass to pass.
    private struct RunState {
        /// Sends started whose outcome is not durable yet: the slots in use.
        var inFlight = 0
        /// The gate's decisions on the last claim, written by the next pass.
        var settled: [DeliveryRecord] = []
        /// When to plan due journey steps again; nil plans on the next pass.
        var planAt: ContinuousClock.Instant?
    }

    /// Records what finished and claims more in one transaction, then checks the claimed rows and
    /// starts their sends. Returns false when the run is over.
    private func pass(
        _ state: inout RunState,
        finished: FinishedSends,
        group: inout DiscardingTaskGroup,
        untilIdle: Bool,
        progress: @Sendable (DispatchProgress) -> Void
    ) async throws -> Bool {
        let stopping = stopped.load(ordering: .relaxed)
        let now = clock()
        let advanced = stopping ? 0 : try planIfDue(&state, now: now)
        let done = finished.takeAll()
        let records = state.settled + done.map(\.record)
        let room = configuration.concurrency - (state.inFlight - done.count)
        let limit = stopping || room < refill ? 0 : min(configuration.batchSize, room)
        let claimed: [ClaimedMessage]
        do {
            claimed = try planner.store.recordAndClaim(
                records,
                worker: configuration.worker,
                now: now,
                claimLimit: limit,
                lease: configuration.lease
            )
        } catch {
            // Those sends did happen: back where `run` looks for outcomes to record after a failure.
            for entry in done { finished.add(entry) }
            throw error
        }
        state.inFlight -= done.count
        state.settled = []
        settle(done, records: records, progress: progress)
        // The store ran dry: whatever planning makes due next should be found at once.
        if claimed.count < limit { state.planAt = nil }
        try start(claimed, now: now, state: &state, finished: finished, group: &group)
        if stopping && state.inFlight == 0 && state.settled.isEmpty { return false }
        if !state.settled.isEmpty || advanced > 0 { return true }
        if state.inFlight > 0 {
            let full = limit > 0 && claimed.count == limit
            if !full || configuration.concurrency - state.inFlight < refill {
                await finished.wait(for: min(state.inFlight, refill), patience: patience)
            }
            return true
        }
        return try await idle(untilIdle: untilIdle)
    }

    /// Free slots worth a claim, and the outcomes worth waking the loop for: a batch per pass
    /// rather than a pass per message, while the other half of the slots keeps sends going.
    private var refill: Int { max(1, min(configuration.batchSize, configuration.concurrency / 2)) }

    /// How long a finished send's outcome waits for others before the loop records it anyway.
    private var patience: Duration { .milliseconds(20) }

    /// Plans due journey steps on the first pass, after the store ran dry, and every second
    /// otherwise: planning reads enrolments, which a busy pass every few milliseconds need not do.
    private func planIfDue(_ state: inout RunState, now: Instant) throws -> Int {
        let wallNow = ContinuousClock.now
        if let planAt = state.planAt, wallNow < planAt { return 0 }
        state.planAt = wallNow + .seconds(1)
        let advanced = try planner.planDue(now: now)
        if advanced > 0 { totals.withLock { $0.advanced += advanced } }
        return advanced
    }

    /// Checks `claimed` at the gate: refusals wait in `state.settled`, the rest start sending.
    private func start(
        _ claimed: [ClaimedMessage],
        now: Instant,
        state: inout RunState,
        finished: FinishedSends,
        group: inout DiscardingTaskGroup
    ) throws {
        guard !claimed.isEmpty else { return }
        let facts = try gate.prepare(claimed, now: now)
        for row in claimed {
            switch gate.check(row, now: now, facts: facts) {
            case .settled(let result):
                state.settled.append(DeliveryRecord(outboxID: row.id, channel: row.channel, result: result))
            case .send(let channel, _):
                state.inFlight += 1
                group.addTask {
                    let started = ContinuousClock.now
                    let result = await self.outcome(of: row, channel: channel)
                    let record = DeliveryRecord(outboxID: row.id, channel: row.channel, result: result)
                    finished.add(FinishedSends.Entry(row: row, record: record, started: started))
                }
            }
        }
    }

    /// After `records` are durable: tells the gate, the observer and the totals. `done` are the
    /// sends among them, at the end of `records`.
    private func settle(
        _ done: [FinishedSends.Entry],
        records: [DeliveryRecord],
        progress: @Sendable (DispatchProgress) -> Void
    ) {
        guard !records.isEmpty else { return }
        for entry in done { gate.settle(entry.row, result: entry.record.result) }
        if let observer {
            let committed = ContinuousClock.now
            var outcomes: [DispatchOutcome] = []
            outcomes.reserveCapacity(records.count)
            for record in records.prefix(records.count - done.count) {
                outcomes.append(DispatchOutcome(channel: record.channel, state: .init(record.result), latency: nil))
            }
            for entry in done {
                let record = entry.record
                outcomes.append(
                    DispatchOutcome(
                        channel: record.channel,
                        state: .init(record.result),
                        latency: committed - entry.started
                    )
                )
            }
            observer.committed(outcomes)
        }
        let snapshot = totals.withLock { totals in
            for record in records { totals.count(record.result) }
            return totals
        }
        progress(snapshot)
    }

    /// Waits before the next pass when nothing is in flight; false when an `untilIdle` run is done.
    private func idle(untilIdle: Bool) async throws -> Bool {
        if untilIdle {
            let now = clock()
            let horizon = now.adding(seconds: configuration.idleHorizon.components.seconds)
            guard let next = try planner.store.nextDueInstant(), next <= horizon else { return false }
            let wait = max(0, min(next.millisecondsSince1970 - now.millisecondsSince1970, 1000))
            try? await Task.sleep(for: .milliseconds(max(wait, 20)))
            return true
        }
        try? await Task.sleep(for: configuration.pollInterval)
        return true
    }

    private func outcome(of row: ClaimedMessage, channel: DeliveryChannel) async -> DeliveryRecord.Result {
        guard let adapter = adapters[channel] else {
            return .dead(reason: "no adapter configured for \(channel); add channels/\(channel).yaml")
        }
        return await deliver(row, channel: channel, adapter: adapter)
    }

    private func deliver(
        _ row: ClaimedMessage,
        channel: DeliveryChannel,
        adapter: any ChannelAdapter
    ) async -> DeliveryRecord.Result {
        let composed: MessageComposer.Composed
        do {
            composed = try composer.compose(row, channel: channel, kind: adapter.payloadKind, now: clock())
        } catch {
            return .dead(reason: "cannot render \(row.message) for \(channel): \(error)")
        }
        let outcome = await adapter.deliver(composed.message)
        switch outcome {
        case .delivered(let id):
            return .sent(providerMessageID: id, locale: composed.locale?.description)
        case .retryable(let reason, let notBefore):
            var random = SystemRandomNumberGenerator()
            let attempt = row.attempts + 1
            guard
                let next = rules.backoff(for: channel).nextAttempt(
                    now: clock(),
                    attempt: attempt,
                    notBefore: notBefore,
                    random: &random
                )
            else { return .dead(reason: "gave up after \(attempt) attempts: \(reason)") }
            return .retry(dueAt: next, reason: reason)
        case .permanentFailure(let reason):
            return .dead(reason: reason)
        case .invalidRecipient(let reason):
            return .suppressed(reason: reason, suppress: composed.message.recipient)
        }
    }
}
