import Foundation
import HomingCore
import Synchronization

/// A token bucket shared by every concurrent send of one adapter: `rate` tokens per second, at
/// most `burst` saved up.
///
/// ```swift
/// let bucket = TokenBucket(rate: 100, burst: 20)
/// try await bucket.take()     // returns at once while tokens last, then paces callers at 100/s
/// ```
///
/// Callers reserve tokens in arrival order (a later caller's wait starts after an earlier one's),
/// so the bucket never lets more than `burst + rate × t` sends through in any span of `t` seconds.
public final class TokenBucket: Sendable {
    public let rate: Double
    public let burst: Int
    private let state: Mutex<(tokens: Double, updated: ContinuousClock.Instant)>

    public init(rate: Double, burst: Int) {
        precondition(rate > 0 && burst >= 1, "a token bucket needs a positive rate and a burst of at least 1")
        self.rate = rate
        self.burst = burst
        state = Mutex((Double(burst), ContinuousClock.now))
    }

    /// Takes one token, waiting until it is available. Throws `CancellationError` if the task is
    /// cancelled while waiting (its reservation is then lost, which only slows later callers).
    public func take() async throws {
        let wait = reserve(now: ContinuousClock.now)
        if wait > .zero { try await Task.sleep(for: wait) }
    }

    /// Takes a token now, possibly into debt, and returns how long the caller must wait for it.
    func reserve(now: ContinuousClock.Instant) -> Duration {
        state.withLock { state in
            let elapsed = now - state.updated
            let seconds = elapsed.seconds
            state.tokens = min(Double(burst), state.tokens + max(0, seconds) * rate)
            state.updated = now
            state.tokens -= 1
            guard state.tokens < 0 else { return .zero }
            return .nanoseconds(Int64((-state.tokens / rate) * 1e9))
        }
    }
}
