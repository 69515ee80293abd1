import HomingCore

/// The rules checked when a message is about to be sent: quiet hours, caps and retries per channel.
///
/// ```swift
/// var rules = DeliveryRules()                       // the defaults
/// rules.quietHours[.email] = QuietHours(parsing: "22:00-07:00")
/// rules.backoff[.sms] = RetryBackoff(baseSeconds: 5, capSeconds: 600, maxAttempts: 4)
/// ```
public struct DeliveryRules: Sendable {
    /// Quiet hours per channel in the recipient's time zone; a channel without an entry has none.
    public var quietHours: [DeliveryChannel: QuietHours] = QuietHours.defaults
    /// Caps on marketing messages; transactional ones bypass them.
    public var caps: FrequencyCaps = .defaults
    /// Retry schedule per channel; `defaultBackoff` for the others.
    public var backoff: [DeliveryChannel: RetryBackoff] = [:]
    public var defaultBackoff = RetryBackoff(baseSeconds: 2, capSeconds: 600, maxAttempts: 6)
    /// The zone for customers without one.
    public var defaultTimeZone = "UTC"

    public init() {}

    func backoff(for channel: DeliveryChannel) -> RetryBackoff { backoff[channel] ?? defaultBackoff }
}
