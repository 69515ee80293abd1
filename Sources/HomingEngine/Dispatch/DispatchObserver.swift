import HomingStore

/// Told what the dispatcher recorded, once per committed batch of outcomes (metrics).
///
/// ```swift
/// struct Counting: DispatchObserver {
///     func committed(_ outcomes: [DispatchOutcome]) {
///         for outcome in outcomes { counters[outcome.state, outcome.channel].increment() }
///     }
/// }
/// var configuration = DispatcherConfiguration()
/// configuration.observer = Counting()
/// ```
///
/// Called after the batch is durable in the store, on the dispatcher's loop between two passes: it
/// must be quick and must not block, or no slot is freed and nothing new is claimed meanwhile.
/// The default, ``IgnoringDispatchObserver``, costs nothing: the dispatcher does not even build
/// the array for it.
public protocol DispatchObserver: Sendable {
    func committed(_ outcomes: [DispatchOutcome])
}

/// One recorded outcome of a claimed outbox row.
public struct DispatchOutcome: Sendable {
    /// What the row came to; the raw values are the labels metrics use.
    public enum State: String, Sendable, CaseIterable {
        case sent, retry, deferred, dead, skipped, suppressed
    }

    /// The outbox row's channel (`email`, `sms`, `push`, `webhook`).
    public var channel: String
    public var state: State
    /// From the moment the dispatcher started rendering the message for its send to the moment its
    /// outcome was durable: render, provider round trip and the wait for the pass that wrote it. Nil for rows
    /// settled without a send (no consent, suppressed, quiet hours, caps).
    public var latency: Duration?

    public init(channel: String, state: State, latency: Duration?) {
        self.channel = channel
        self.state = state
        self.latency = latency
    }
}

extension DispatchOutcome.State {
    init(_ result: DeliveryRecord.Result) {
        switch result {
        case .sent: self = .sent
        case .retry: self = .retry
        case .deferred: self = .deferred
        case .dead: self = .dead
        case .skipped: self = .skipped
        case .suppressed: self = .suppressed
        }
    }
}

/// The observer that ignores everything: the dispatcher's default.
public struct IgnoringDispatchObserver: DispatchObserver {
    public init() {}
    public func committed(_ outcomes: [DispatchOutcome]) {}
}
