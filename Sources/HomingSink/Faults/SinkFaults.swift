/// The faults a ``CaptureSink`` injects, so retries, throttling and suppression can be exercised
/// without a real provider.
///
/// ```swift
/// let faults = SinkFaults(
///     failRate: 0.1,
///     throttlePerSecond: 200,
///     latency: .milliseconds(50),
///     rejectRecipients: try SinkFaults.recipientPattern(#"@bounce\.test$"#)
/// )
/// ```
///
/// Checked in this order for each message: throttle (429, SMTP `451 4.7.1`), rejected recipient
/// (the provider's own invalid-recipient answer, SMTP `550 5.1.1` at `RCPT TO`), random failure
/// (503, SMTP `451 4.3.0` after `DATA`). `latency` delays every HTTP answer and the SMTP answer to
/// each message's end of data, without blocking a thread.
public struct SinkFaults: Sendable, Hashable {
    /// The share of messages, 0…1, answered with a temporary failure.
    public var failRate: Double
    /// Messages per second the sink accepts before answering 429; nil never throttles. The bucket
    /// holds one second's worth, so a burst of that size passes at once.
    public var throttlePerSecond: Int?
    /// How long each answer waits.
    public var latency: Duration
    /// Recipients matching this pattern anywhere are rejected as invalid.
    public var rejectRecipients: RecipientPattern?

    public init(
        failRate: Double = 0,
        throttlePerSecond: Int? = nil,
        latency: Duration = .zero,
        rejectRecipients: RecipientPattern? = nil
    ) {
        self.failRate = failRate
        self.throttlePerSecond = throttlePerSecond
        self.latency = latency
        self.rejectRecipients = rejectRecipients
    }
}
