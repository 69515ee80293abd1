/// Decides, per message, which of the configured ``SinkFaults`` applies.
///
/// ```swift
/// let injector = FaultInjector(SinkFaults(failRate: 0.5))
/// switch injector.decide(recipients: ["ana@example.com"]) { case .accepted: …; default: … }
/// ```
///
/// One instance serves every connection, so the throttle is a single bucket for the whole sink,
/// as a provider's account-wide rate limit would be.
final class FaultInjector: Sendable {
    let faults: SinkFaults
    private let bucket: TokenBucket?

    init(_ faults: SinkFaults) {
        self.faults = faults
        bucket = faults.throttlePerSecond.map { TokenBucket(ratePerSecond: $0) }
    }

    /// Whether `recipient` is one the sink rejects as invalid.
    func rejects(_ recipient: String) -> Bool {
        faults.rejectRecipients?.matches(recipient) ?? false
    }

    /// Throttle first (a rate limit answers before anything is read), then recipients, then the
    /// random failure. SMTP passes no recipients here: it rejected them at `RCPT TO` already.
    func decide(recipients: [String]) -> SinkOutcome {
        if let bucket, !bucket.take() { return .throttled }
        if recipients.contains(where: rejects) { return .rejected }
        if faults.failRate > 0, Double.random(in: 0..<1) < faults.failRate { return .failed }
        return .accepted
    }
}
