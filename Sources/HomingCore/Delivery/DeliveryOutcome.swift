/// What became of one attempt to hand a message to a provider.
///
/// ```swift
/// switch await adapter.deliver(message) {
/// case .delivered(let id): markSent(providerMessageID: id)
/// case .retryable(let reason, let notBefore): reschedule(earliest: notBefore, reason: reason)
/// case .permanentFailure(let reason): deadLetter(reason)
/// case .invalidRecipient(let reason): suppress(recipient, reason)
/// }
/// ```
///
/// Delivery is at-least-once: `.retryable` means the provider may or may not have acted, so a
/// retry sends the same idempotency key again.
public enum DeliveryOutcome: Sendable, Hashable {
    /// The provider accepted the message; its id for the message, when it returned one.
    case delivered(providerMessageID: String?)
    /// Worth trying again later; `notBefore` is the earliest retry time the provider asked for
    /// (`Retry-After`, `X-RateLimit-Reset`), or nil to use the normal backoff.
    case retryable(reason: String, notBefore: Instant?)
    /// The provider refused the message and would refuse it again; retrying cannot help.
    case permanentFailure(reason: String)
    /// The address does not exist or the recipient opted out; it goes on the suppression list.
    case invalidRecipient(reason: String)

    /// Whether a later attempt may succeed.
    public var isRetryable: Bool {
        if case .retryable = self { return true }
        return false
    }
}
