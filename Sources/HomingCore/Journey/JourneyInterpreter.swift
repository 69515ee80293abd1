import Foundation

/// Runs a ``JourneyProgram`` from an enrolment's stored index to its next effect.
///
/// ```swift
/// let zone = TimeZone(identifier: "Europe/Paris")!
/// let step = JourneyInterpreter.advance(program, from: 0, facts: facts, now: now, timeZone: zone)
/// // .send(SendStep(message: "welcome", …), stepID: "1", next: 1)
/// ```
///
/// The goal is checked first on every call, then `exit_if`, `branch` and `jump` run until a
/// `send`, a `wait` or the end. Pass as `now` the time the enrolment was due, not the time a
/// worker got to it, so waits add up from the plan (7 days, then 7 more, is 14 after entry).
public enum JourneyInterpreter {
    public static func advance(
        _ program: JourneyProgram,
        from index: Int,
        facts: EnrolmentFacts,
        now: Instant,
        timeZone: TimeZone
    ) -> JourneyAdvance {
        let ordered = facts.firstOrderSinceEntry.flatMap { $0 <= now ? $0 : nil }
        if let goal = program.goal, let ordered, goal.isReached(enteredAt: facts.enteredAt, firstOrder: ordered) {
            return .converted(at: ordered)
        }
        let instructions = program.instructions
        var index = index
        // Jumps only go forward, so this bound is never reached by a compiled program; it keeps a
        // hand-built one from spinning.
        for _ in 0...instructions.count {
            guard instructions.indices.contains(index) else { return .completed }
            let instruction = instructions[index]
            switch instruction.operation {
            case .send(let step):
                return .send(step, stepID: instruction.stepID, next: index + 1)
            case .wait(.duration(let seconds)):
                return .wait(until: now.adding(seconds: seconds), stepID: instruction.stepID, next: index + 1)
            case .wait(.untilLocalTime(let time)):
                let until = time.nextOccurrence(after: now, in: timeZone)
                return .wait(until: until, stepID: instruction.stepID, next: index + 1)
            case .exitIf(let conditions):
                let order = ExitCondition.allCases.filter(conditions.contains)
                if let reason = order.first(where: { holds($0, program: program, facts: facts, ordered: ordered) }) {
                    return .exited(reason)
                }
                index += 1
            case .branch(let subject, let cases, let otherwise):
                let chosen = cases.first { matches(subject, values: $0.values, facts: facts) }
                index = chosen?.target ?? otherwise
            case .jump(let target):
                index = max(target, index + 1)
            case .end:
                return .completed
            }
        }
        return .completed
    }

    private static func holds(
        _ condition: ExitCondition,
        program: JourneyProgram,
        facts: EnrolmentFacts,
        ordered: Instant?
    ) -> Bool {
        switch condition {
        case .orderedSinceEntry:
            return ordered != nil
        case .leftSegment:
            if let segments = program.segments { return !segments.contains(facts.currentSegment ?? "") }
            return facts.entrySegment != nil && facts.currentSegment != facts.entrySegment
        case .unsubscribed:
            if facts.unsubscribedFromAll { return true }
            let used = program.channels.filter(\.needsConsent)
            return !used.isEmpty && used.isSubset(of: facts.unsubscribedChannels)
        }
    }

    private static func matches(_ subject: BranchSubject, values: [String], facts: EnrolmentFacts) -> Bool {
        switch subject {
        case .segment:
            guard let segment = facts.currentSegment else { return false }
            return values.contains(segment)
        case .locale:
            return values.contains { Audience.locale(facts.locale, hasPrefix: $0) }
        case .attribute(let name):
            guard let value = facts.attributes[name] else { return false }
            return values.contains { $0.caseInsensitiveCompare(value) == .orderedSame }
        }
    }
}
