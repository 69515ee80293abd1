import Foundation
import HomingChannels
import HomingCore
import Synchronization
import Testing

@testable import HomingChannels

@Suite struct TokenBucketTests {
    @Test func aFullBucketLetsTheBurstThroughThenPacesAtTheRate() {
        let bucket = TokenBucket(rate: 100, burst: 5)
        let start = ContinuousClock.now
        let waits = (0..<8).map { _ in bucket.reserve(now: start) }
        #expect(waits.prefix(5).allSatisfy { $0 == .zero })
        // Tokens 6, 7 and 8 arrive 10, 20 and 30 ms later at 100 per second.
        #expect(waits.suffix(3).map { Int(($0 / .milliseconds(1)).rounded()) } == [10, 20, 30])
    }

    @Test func tokensRefillWithTimeButNeverBeyondTheBurst() {
        let bucket = TokenBucket(rate: 10, burst: 2)
        let start = ContinuousClock.now
        #expect(bucket.reserve(now: start) == .zero)
        #expect(bucket.reserve(now: start) == .zero)
        #expect(bucket.reserve(now: start) > .zero)
        // An hour later the bucket holds 2 tokens, not 36,000.
        let later = start + .seconds(3600)
        #expect(bucket.reserve(now: later) == .zero)
        #expect(bucket.reserve(now: later) == .zero)
        #expect(bucket.reserve(now: later) > .zero)
    }

    @Test func concurrentSendersThroughOneAdapterShareTheBucket() async throws {
        let counter = CountingAdapter()
        let paced = RateLimitedAdapter(counter, bucket: TokenBucket(rate: 200, burst: 10))
        let started = ContinuousClock.now
        await withTaskGroup(of: Void.self) { group in
            for index in 0..<50 {
                group.addTask {
                    _ = await paced.deliver(
                        OutgoingMessage(recipient: "r\(index)", idempotencyKey: "k\(index)", payload: .text("hi"))
                    )
                }
            }
        }
        let elapsed = ContinuousClock.now - started
        #expect(counter.count == 50)
        // 10 at once, then 40 more at 200/s: at least 200 ms, whatever the scheduling.
        #expect(elapsed >= .milliseconds(195))
    }
}

/// Delivers everything at once and counts.
final class CountingAdapter: ChannelAdapter {
    let channel = "sms"
    let payloadKind = OutgoingMessage.PayloadKind.text
    private let delivered = Mutex(0)

    var count: Int { delivered.withLock { $0 } }

    func deliver(_ message: OutgoingMessage) async -> DeliveryOutcome {
        delivered.withLock { $0 += 1 }
        return .delivered(providerMessageID: nil)
    }
}
