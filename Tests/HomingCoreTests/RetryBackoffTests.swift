import HomingCore
import Testing

/// Capped exponential backoff with full jitter, the attempt limit, and `Retry-After` as a floor.
@Suite struct RetryBackoffTests {
    private let backoff = RetryBackoff(baseSeconds: 2, capSeconds: 60, maxAttempts: 5)
    private let now = Instant(secondsSince1970: 1_800_000_000)

    @Test func boundsDoubleUpToTheCap() {
        #expect((1...7).map { backoff.bound(afterAttempt: $0) } == [2, 4, 8, 16, 32, 60, 60])
        #expect(backoff.bound(afterAttempt: 10_000) == 60)
    }

    @Test func delaysStayWithinTheBoundAndSpreadOverIt() {
        var random = SystemRandomNumberGenerator()
        for attempt in 1...7 {
            let delays = (0..<2000).map { _ in backoff.delay(afterAttempt: attempt, random: &random) }
            let bound = backoff.bound(afterAttempt: attempt)
            #expect(delays.allSatisfy { (0...bound).contains($0) })
            // Full jitter: some retries come early, some late, not all near the bound.
            #expect(delays.contains { $0 < bound / 4 } && delays.contains { $0 > bound * 3 / 4 })
        }
    }

    @Test func nextAttemptIsNilAfterTheLastAttempt() {
        var random = SystemRandomNumberGenerator()
        #expect(backoff.nextAttempt(now: now, attempt: 4, notBefore: nil, random: &random) != nil)
        #expect(backoff.nextAttempt(now: now, attempt: 5, notBefore: nil, random: &random) == nil)
    }

    @Test func nextAttemptHonoursNotBefore() {
        var random = SystemRandomNumberGenerator()
        let retryAfter = now.adding(seconds: 3600)
        for _ in 0..<100 {
            #expect(backoff.nextAttempt(now: now, attempt: 1, notBefore: retryAfter, random: &random) == retryAfter)
            let next = backoff.nextAttempt(now: now, attempt: 3, notBefore: now.adding(seconds: 1), random: &random)
            #expect(next.map { $0 >= now.adding(seconds: 1) && $0 <= now.adding(seconds: 8) } == true)
        }
    }
}
