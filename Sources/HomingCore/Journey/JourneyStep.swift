/// One step of a journey as written in YAML, before compilation into a ``JourneyProgram``.
///
/// ```swift
/// let steps = [
///     JourneyStep(.send(SendStep(message: "win-back-miss-you", channels: .firstAvailable([.email])))),
///     JourneyStep(.wait(.duration(seconds: 5 * 86_400))),
///     JourneyStep(.exitIf([.orderedSinceEntry])),
/// ]
/// ```
///
/// `id` is optional; without it the step's id derives from its position (see ``JourneyProgram``).
public struct JourneyStep: Hashable, Sendable {
    public var id: String?
    public var action: Action

    public indirect enum Action: Hashable, Sendable {
        case send(SendStep)
        case wait(WaitStep)
        case exitIf(Set<ExitCondition>)
        case branch(BranchStep)
    }

    public init(id: String? = nil, _ action: Action) {
        self.id = id
        self.action = action
    }
}

/// How long a `wait` step waits.
///
/// ```swift
/// WaitStep.duration(seconds: 3 * 86_400)
/// WaitStep.untilLocalTime(LocalTimeOfDay(hour: 10, minute: 0)!)   // the next 10:00 in the customer's zone
/// ```
public enum WaitStep: Hashable, Sendable {
    case duration(seconds: Int64)
    case untilLocalTime(LocalTimeOfDay)
}

/// Why an enrolment leaves a journey early at an `exit_if` step; the raw value is the YAML name.
///
/// ```swift
/// ExitCondition(rawValue: "ordered_since_entry")   // .orderedSinceEntry
/// ```
public enum ExitCondition: String, Hashable, Sendable, CaseIterable {
    /// A completed order after entry.
    case orderedSinceEntry = "ordered_since_entry"
    /// The customer's current segment is no longer one the journey targets.
    case leftSegment = "left_segment"
    /// The customer unsubscribed from everything, or from every channel the journey sends on.
    case unsubscribed
}
