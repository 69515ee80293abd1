import HomingCore

/// Paces an adapter with a ``TokenBucket``: the channel config's `rate: { per_second, burst }`.
///
/// ```swift
/// let paced = RateLimitedAdapter(twilio, bucket: TokenBucket(rate: 100, burst: 20))
/// await paced.deliver(message)    // waits for a token, then sends
/// ```
///
/// A send cancelled while waiting is reported as retryable, never lost.
public struct RateLimitedAdapter: ChannelAdapter {
    public let base: any ChannelAdapter
    public let bucket: TokenBucket

    public init(_ base: any ChannelAdapter, bucket: TokenBucket) {
        self.base = base
        self.bucket = bucket
    }

    public var channel: String { base.channel }
    public var payloadKind: OutgoingMessage.PayloadKind { base.payloadKind }

    public func deliver(_ message: OutgoingMessage) async -> DeliveryOutcome {
        do {
            try await bucket.take()
        } catch {
            return .retryable(reason: "cancelled while waiting for the rate limit", notBefore: nil)
        }
        return await base.deliver(message)
    }
}
