import HomingStore
import Synchronization

/// Outcomes of sends that have finished but are not durable yet: send tasks add them, and the
/// dispatcher's loop takes them all at once and writes them in its next transaction.
///
/// ```swift
/// let finished = FinishedSends()
/// group.addTask { finished.add(FinishedSends.Entry(row: row, record: record, started: started)) }
/// await finished.wait(for: 64, patience: .milliseconds(20))   // one wake-up for a batch
/// let batch = finished.takeAll()                               // record, then free their slots
/// ```
///
/// A send task never waits for its own record: it adds its outcome and ends. The loop is woken
/// once per batch — when `count` outcomes wait, or once one has and `patience` has passed — rather
/// than once per message, which is what costs thread wake-ups. Only one task may wait at a time.
final class FinishedSends: Sendable {
    struct Entry: Sendable {
        var row: ClaimedMessage
        var record: DeliveryRecord
        /// When its rendering began: the start of the latency the ``DispatchObserver`` sees.
        var started: ContinuousClock.Instant
    }

    private struct State {
        var entries: [Entry] = []
        var waiter: CheckedContinuation<Void, Never>?
        var wanted = Int.max
        var round = 0
        /// The current wait's patience ran out: one entry is enough now.
        var impatient = false

        mutating func takeWaiter() -> CheckedContinuation<Void, Never>? {
            defer {
                waiter = nil
                wanted = .max
            }
            return waiter
        }
    }

    private let state = Mutex(State())

    func add(_ entry: Entry) {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            state.entries.append(entry)
            guard state.entries.count >= state.wanted else { return nil }
            return state.takeWaiter()
        }
        waiter?.resume()
    }

    func takeAll() -> [Entry] {
        state.withLock { state in
            let taken = state.entries
            state.entries = []
            state.entries.reserveCapacity(taken.count)
            return taken
        }
    }

    /// Returns once `count` entries wait (at once if they already do), or once at least one does
    /// and `patience` has passed since the call.
    func wait(for count: Int, patience: Duration) async {
        let (round, ready) = state.withLock { state in
            state.round += 1
            state.impatient = false
            return (state.round, state.entries.count >= max(1, count))
        }
        // Under load the entries are usually there already: no timer task to start and cancel.
        if ready { return }
        let timer = Task {
            try? await Task.sleep(for: patience)
            if !Task.isCancelled { self.runOutOfPatience(round) }
        }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let ready = state.withLock { state in
                let wanted = state.impatient ? 1 : max(1, count)
                if state.entries.count >= wanted { return true }
                state.waiter = continuation
                state.wanted = wanted
                return false
            }
            if ready { continuation.resume() }
        }
        timer.cancel()
    }

    private func runOutOfPatience(_ round: Int) {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard state.round == round else { return nil }
            state.impatient = true
            guard state.waiter != nil else { return nil }
            if state.entries.isEmpty {
                state.wanted = 1
                return nil
            }
            return state.takeWaiter()
        }
        waiter?.resume()
    }
}
