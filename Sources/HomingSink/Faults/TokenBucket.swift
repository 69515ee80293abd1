import NIOCore
import Synchronization

/// A token bucket refilled continuously at `rate` per second, holding at most `rate` tokens.
///
/// ```swift
/// let bucket = TokenBucket(ratePerSecond: 200)
/// if !bucket.take() { /* answer 429 */ }
/// ```
///
/// Shared by every connection and event loop, hence the mutex; the critical section is a few
/// arithmetic operations.
final class TokenBucket: Sendable {
    private struct State {
        var tokens: Double
        var updated: NIODeadline
    }

    private let rate: Double
    private let state: Mutex<State>

    init(ratePerSecond: Int, now: NIODeadline = .now()) {
        rate = Double(ratePerSecond)
        state = Mutex(State(tokens: Double(ratePerSecond), updated: now))
    }

    /// Takes one token if there is one.
    func take(now: NIODeadline = .now()) -> Bool {
        state.withLock { state in
            let elapsed = Double((now - state.updated).nanoseconds) / 1e9
            state.tokens = min(rate, state.tokens + max(0, elapsed) * rate)
            state.updated = now
            guard state.tokens >= 1 else { return false }
            state.tokens -= 1
            return true
        }
    }
}
