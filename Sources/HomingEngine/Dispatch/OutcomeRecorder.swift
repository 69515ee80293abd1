import HomingCore
import HomingStore

/// Writes delivery outcomes with group commit: every record waiting when a write starts goes into
/// that one transaction, and each caller resumes only once its record is durable.
///
/// The dispatcher frees a send slot only after its outcome is recorded, so at any moment at most
/// `concurrency` messages have been sent without a durable record: that bounds the duplicates a
/// crash can cause.
///
/// After each commit, before its callers resume, the batch is reported to the ``DispatchObserver``,
/// with each sent message's latency measured up to that commit.
final class OutcomeRecorder: Sendable {
    private typealias Batch = (records: [DeliveryRecord], started: ContinuousClock.Instant?)

    private let commits: GroupCommit<Batch, Void>

    init(
        store: any JourneyStore,
        worker: String,
        observer: any DispatchObserver,
        clock: @escaping @Sendable () -> Instant
    ) {
        // The default observer is dropped here so that nothing is built for it per batch.
        let observer = observer is IgnoringDispatchObserver ? nil : observer
        commits = GroupCommit(label: "homing.outcomes") { batches in
            try store.record(batches.flatMap(\.records), worker: worker, now: clock())
            observer?.committed(Self.outcomes(of: batches, committed: .now))
            return batches.map { _ in .success(()) }
        }
    }

    /// Returns once `records` are durable; `started` is when their send began (nil when the
    /// gate settled them without one).
    func record(_ records: [DeliveryRecord], started: ContinuousClock.Instant? = nil) async throws {
        guard !records.isEmpty else { return }
        try await commits.submit((records, started))
    }

    private static func outcomes(of batch: [Batch], committed: ContinuousClock.Instant) -> [DispatchOutcome] {
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
