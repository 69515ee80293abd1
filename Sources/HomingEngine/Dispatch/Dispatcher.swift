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
/// Each pass plans due journey steps, claims a batch under a lease, settles what the
/// ``DeliveryGate`` refuses and sends the rest. A send keeps its slot until its outcome is
/// durable, so a crash resends at most `concurrency` messages. `stop()` (e.g. on SIGTERM) stops
/// claiming, lets sends in flight finish and puts unstarted claims back.
public final class Dispatcher: Sendable {
    public let configuration: DispatcherConfiguration
    private let planner: JourneyPlanner
    private let composer: MessageComposer
    private let adapters: [DeliveryChannel: any ChannelAdapter]
    private let rules: DeliveryRules
    private let clock: @Sendable () -> Instant
    private let gate: DeliveryGate
    private let recorder: OutcomeRecorder
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
        recorder = OutcomeRecorder(
            store: planner.store,
            worker: configuration.worker,
            observer: configuration.observer,
            clock: clock
        )
    }

    /// Asks a running `run` to finish: no new claims; sends in flight complete.
    public func stop() { stopped.store(true, ordering: .relaxed) }

    /// Dispatches until stopped, or with `untilIdle` until nothing is due within the idle horizon.
    public func run(
        untilIdle: Bool,
        progress: @escaping @Sendable (DispatchProgress) -> Void = { _ in }
    ) async throws -> DispatchProgress {
        let store = planner.store
        let slots = SendSlots(limit: configuration.concurrency)
        let failure = FirstError()
        await withDiscardingTaskGroup { group in
            do {
                while !stopped.load(ordering: .relaxed) {
                    if let error = failure.error { throw error }
                    let now = clock()
                    let advanced = try planner.planDue(now: now)
                    totals.withLock { $0.advanced += advanced }
                    let room = slots.free
                    let claimed =
                        room > 0
                        ? try store.claimDue(
                            now: now,
                            limit: min(configuration.batchSize, max(room, 32)),
                            lease: configuration.lease,
                            worker: configuration.worker
                        ) : []
                    let facts = try gate.prepare(claimed, now: now)
                    var settled: [DeliveryRecord] = []
                    for row in claimed {
                        switch gate.check(row, now: now, facts: facts) {
                        case .settled(let result):
                            settled.append(DeliveryRecord(outboxID: row.id, channel: row.channel, result: result))
                        case .send(let channel, _):
                            await slots.acquire()
                            group.addTask {
                                defer { slots.release() }
                                do { try await self.send(row, channel: channel, progress: progress) } catch {
                                    failure.keep(error)
                                }
                            }
                        }
                    }
                    try await recorder.record(settled)
                    count(settled, progress: progress)
                    if claimed.isEmpty && advanced == 0 {
                        guard try await idle(untilIdle: untilIdle, slots: slots) else { break }
                    }
                }
            } catch {
                failure.keep(error)
            }
        }
        _ = try? store.releaseClaims(worker: configuration.worker)
        if let error = failure.error { throw error }
        return totals.withLock { $0 }
    }

    /// Waits before the next pass; false when an `untilIdle` run is done.
    private func idle(untilIdle: Bool, slots: SendSlots) async throws -> Bool {
        let inFlight = slots.free < configuration.concurrency
        if untilIdle && !inFlight {
            let now = clock()
            let horizon = now.adding(seconds: configuration.idleHorizon.components.seconds)
            guard let next = try planner.store.nextDueInstant(), next <= horizon else { return false }
            let wait = max(0, min(next.millisecondsSince1970 - now.millisecondsSince1970, 1000))
            try? await Task.sleep(for: .milliseconds(max(wait, 20)))
            return true
        }
        try? await Task.sleep(for: inFlight ? .milliseconds(5) : configuration.pollInterval)
        return true
    }

    private func send(
        _ row: ClaimedMessage,
        channel: DeliveryChannel,
        progress: @Sendable (DispatchProgress) -> Void
    ) async throws {
        let started = ContinuousClock.now
        let result: DeliveryRecord.Result
        if let adapter = adapters[channel] {
            result = await deliver(row, channel: channel, adapter: adapter)
        } else {
            result = .dead(reason: "no adapter configured for \(channel); add channels/\(channel).yaml")
        }
        let record = DeliveryRecord(outboxID: row.id, channel: row.channel, result: result)
        try await recorder.record([record], started: started)
        gate.settle(row, result: result)
        count([record], progress: progress)
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

    private func count(_ records: [DeliveryRecord], progress: @Sendable (DispatchProgress) -> Void) {
        guard !records.isEmpty else { return }
        let snapshot = totals.withLock { totals in
            for record in records { totals.count(record.result) }
            return totals
        }
        progress(snapshot)
    }
}

/// The first error any send task hit; the run stops with it.
private final class FirstError: Sendable {
    private let first = Mutex<(any Error)?>(nil)

    var error: (any Error)? { first.withLock { $0 } }

    func keep(_ error: any Error) { first.withLock { $0 = $0 ?? error } }
}
