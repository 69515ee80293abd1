import Dispatch
import HomingCore
import HomingStore
import Synchronization

/// Writes delivery outcomes with group commit: every record waiting when a write starts goes into
/// that one transaction, and each caller resumes only once its record is durable.
///
/// The dispatcher frees a send slot only after its outcome is recorded, so at any moment at most
/// `concurrency` messages have been sent without a durable record: that bounds the duplicates a
/// crash can cause.
///
/// After each commit the batch is reported to the ``DispatchObserver``, with each sent message's
/// latency measured up to that commit.
final class OutcomeRecorder: Sendable {
    private typealias Waiter = (
        records: [DeliveryRecord], started: ContinuousClock.Instant?,
        continuation: CheckedContinuation<Void, any Error>
    )

    private let store: any JourneyStore
    private let worker: String
    private let clock: @Sendable () -> Instant
    private let observer: (any DispatchObserver)?
    private let queue = DispatchQueue(label: "homing.outcomes")
    private let state = Mutex<(pending: [Waiter], writing: Bool)>(([], false))

    init(
        store: any JourneyStore,
        worker: String,
        observer: any DispatchObserver,
        clock: @escaping @Sendable () -> Instant
    ) {
        self.store = store
        self.worker = worker
        // The default observer is dropped here so that nothing is built for it per batch.
        self.observer = observer is IgnoringDispatchObserver ? nil : observer
        self.clock = clock
    }

    /// Returns once `records` are durable; `started` is when their send began (nil when the
    /// gate settled them without one).
    func record(_ records: [DeliveryRecord], started: ContinuousClock.Instant? = nil) async throws {
        guard !records.isEmpty else { return }
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let start = state.withLock { state in
                state.pending.append((records, started, continuation))
                if state.writing { return false }
                state.writing = true
                return true
            }
            if start { queue.async { self.writeUntilEmpty() } }
        }
    }

    private func writeUntilEmpty() {
        while true {
            let batch = state.withLock { state -> [Waiter]? in
                if state.pending.isEmpty {
                    state.writing = false
                    return nil
                }
                defer { state.pending.removeAll(keepingCapacity: true) }
                return state.pending
            }
            guard let batch else { return }
            do {
                try store.record(batch.flatMap(\.records), worker: worker, now: clock())
                let committed = ContinuousClock.now
                for waiter in batch { waiter.continuation.resume() }
                observer?.committed(Self.outcomes(of: batch, committed: committed))
            } catch {
                for waiter in batch { waiter.continuation.resume(throwing: error) }
            }
        }
    }

    private static func outcomes(of batch: [Waiter], committed: ContinuousClock.Instant) -> [DispatchOutcome] {
        var outcomes: [DispatchOutcome] = []
        outcomes.reserveCapacity(batch.reduce(0) { $0 + $1.records.count })
        for waiter in batch {
            let latency = waiter.started.map { committed - $0 }
            for record in waiter.records {
                outcomes.append(DispatchOutcome(channel: record.channel, state: .init(record.result), latency: latency))
            }
        }
        return outcomes
    }
}
