/// Where ``JourneyInterpreter/advance(_:from:facts:now:timeZone:)`` stopped, and what to do next.
///
/// ```swift
/// switch JourneyInterpreter.advance(program, from: 0, facts: facts, now: now, timeZone: zone) {
/// case .send(let step, let stepID, let next): planOutbox(step, stepID); saveIndex(next, due: now)
/// case .wait(let until, _, let next): saveIndex(next, due: until)
/// case .exited(let reason): close(.exited(reason))
/// case .converted(let order): close(.converted(order))
/// case .completed: close(.completed)
/// }
/// ```
public enum JourneyAdvance: Hashable, Sendable {
    /// Plan this message now; resume at `next`, at once.
    case send(SendStep, stepID: String, next: Int)
    /// Resume at `next` at `until`.
    case wait(until: Instant, stepID: String, next: Int)
    case exited(ExitCondition)
    /// The goal was reached by the order at this instant.
    case converted(at: Instant)
    case completed
}
