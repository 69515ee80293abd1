import Dispatch
import Synchronization

/// Group commit: every item waiting when a write starts goes into that one write, and each caller
/// resumes once the write holding its item has returned.
///
/// ```swift
/// let commits = GroupCommit<InboundEvent, InboundResult>(label: "homing.inbound") { events in
///     try EventIngestor.write(events, store: store, planner: planner, now: .now)   // one transaction
/// }
/// let result = try await commits.submit(event)                 // durable once this returns
/// ```
///
/// `write` runs on one serial queue, so writes never overlap and each item is in exactly one of
/// them. It returns one result per item, in order; when it throws, every item of that batch fails
/// with the error. Items that arrive during a write form the next batch, so batches grow with the
/// load instead of waiting on a timer.
final class GroupCommit<Item: Sendable, Output: Sendable>: Sendable {
    typealias Write = @Sendable ([Item]) throws -> [Result<Output, any Error>]
    private typealias Waiter = (item: Item, continuation: CheckedContinuation<Output, any Error>)

    private let queue: DispatchQueue
    private let write: Write
    private let state = Mutex<(pending: [Waiter], writing: Bool)>(([], false))

    init(label: String, write: @escaping Write) {
        queue = DispatchQueue(label: label)
        self.write = write
    }

    /// Returns `item`'s result once the write that took it has returned.
    func submit(_ item: Item) async throws -> Output {
        try await withCheckedThrowingContinuation { continuation in
            let start = state.withLock { state in
                state.pending.append((item, continuation))
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
                let results = try write(batch.map(\.item))
                precondition(results.count == batch.count, "GroupCommit: one result per item")
                for (waiter, result) in zip(batch, results) { waiter.continuation.resume(with: result) }
            } catch {
                for waiter in batch { waiter.continuation.resume(throwing: error) }
            }
        }
    }
}
