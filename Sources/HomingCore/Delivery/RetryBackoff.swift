/// Capped exponential backoff with full jitter, and the attempt limit after which a row is dead.
///
/// ```swift
/// let backoff = RetryBackoff(baseSeconds: 30, capSeconds: 3600, maxAttempts: 8)
/// var random = SystemRandomNumberGenerator()
/// backoff.nextAttempt(now: now, attempt: 1, notBefore: retryAfter, random: &random)
/// // somewhere in now … now + 30 s, but never before retryAfter; nil after attempt 8
/// ```
///
/// Full jitter (a uniform delay from zero to the exponential bound) spreads retries of a burst of
/// failures evenly instead of sending them back together. `notBefore` is the provider's
/// `Retry-After`: a lower bound the jitter never undercuts.
public struct RetryBackoff: Hashable, Sendable {
    public var baseSeconds: Double
    public var capSeconds: Double
    public var maxAttempts: Int

    public init(baseSeconds: Double, capSeconds: Double, maxAttempts: Int) {
        self.baseSeconds = baseSeconds
        self.capSeconds = capSeconds
        self.maxAttempts = maxAttempts
    }

    /// The upper bound of the delay after attempt `n` (1-based): `min(cap, base · 2^(n-1))`.
    public func bound(afterAttempt n: Int) -> Double {
        guard baseSeconds > 0 else { return 0 }
        let growth = Double(sign: .plus, exponent: max(0, min(n - 1, 2000)), significand: 1)
        return min(capSeconds, baseSeconds * growth)
    }

    /// A random delay in seconds, uniform in `0 … bound(afterAttempt: n)`.
    public func delay(afterAttempt n: Int, random: inout some RandomNumberGenerator) -> Double {
        let bound = bound(afterAttempt: n)
        return bound > 0 ? Double.random(in: 0...bound, using: &random) : 0
    }

    /// When to try again after attempt number `attempt` failed at `now`, or nil when that was the last.
    public func nextAttempt(
        now: Instant,
        attempt: Int,
        notBefore: Instant?,
        random: inout some RandomNumberGenerator
    ) -> Instant? {
        guard attempt < maxAttempts else { return nil }
        let milliseconds = Int64((delay(afterAttempt: attempt, random: &random) * 1000).rounded(.down))
        let next = Instant(millisecondsSince1970: now.millisecondsSince1970 + milliseconds)
        guard let notBefore else { return next }
        return max(next, notBefore)
    }
}
