/// How the sink answered one message; the `outcome` field of a recorded line.
///
/// ```swift
/// let outcome = injector.decide(recipients: ["+15550100"])   // .accepted, .throttled, …
/// ```
///
/// `malformed` marks a request whose body the sink could not read (answered 400 in the
/// provider's error format); it is not a fault the sink chose.
public enum SinkOutcome: String, Sendable, Hashable, CaseIterable {
    case accepted, failed, throttled, rejected, malformed
}
