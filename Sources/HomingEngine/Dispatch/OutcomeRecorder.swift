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
final class OutcomeRecorder: Sendable {
    private typealias Waiter = (records: [DeliveryRecord], continuation: CheckedContinuation<Void, any Error>)

    private let store: any JourneyStore
    private let worker: String
    private let clock: @Sendable () -> Instant
    private let queue = DispatchQueue(label: "homing.outcomes")
    private let state = Mutex<(pending: [Waiter], writing: Bool)>(([], false))

    init(store: any JourneyStore, worker: String, clock: @escaping @Sendable () -> Instant) {
        self.store = store
        self.worker = worker
        self.clock = clock
    }

    func record(_ records: [DeliveryRecord]) async throws {
        guard !records.isEmpty else { return }
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let start = state.withLock { state in
                state.pending.append((records, continuation))
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
                for waiter in batch { waiter.continuation.resume() }
            } catch {
                for waiter in batch { waiter.continuation.resume(throwing: error) }
            }
        }
    }
}
