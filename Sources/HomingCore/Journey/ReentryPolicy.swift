/// Whether a customer who already went through a journey may enter it again.
///
/// ```swift
/// let policy = ReentryPolicy.after(seconds: 90 * 86_400)
/// policy.allowsEntry(previousEntry: nil, now: now)                      // true
/// policy.allowsEntry(previousEntry: now.adding(days: -30), now: now)     // false
/// ```
public enum ReentryPolicy: Hashable, Sendable {
    /// Once per customer, ever.
    case never
    /// Again once `seconds` have passed since the previous entry.
    case after(seconds: Int64)
    /// Once per trigger (post-purchase: one enrolment per order).
    case perTrigger

    /// Whether a customer whose latest entry was `previousEntry` may enter at `now`.
    ///
    /// `perTrigger` always answers true: whether this trigger (this order) already enrolled the
    /// customer is decided by the store's unique key on (journey, customer, trigger), not here.
    public func allowsEntry(previousEntry: Instant?, now: Instant) -> Bool {
        guard let previousEntry else { return true }
        switch self {
        case .never: return false
        case .after(let seconds): return now >= previousEntry.adding(seconds: seconds)
        case .perTrigger: return true
        }
    }
}
