/// A journey's steps compiled to a flat instruction list, so an enrolment's progress is one integer.
///
/// ```swift
/// let program = JourneyProgram(compiling: [
///     JourneyStep(.send(SendStep(message: "welcome"))),
///     JourneyStep(.wait(.duration(seconds: 3 * 86_400))),
///     JourneyStep(id: "nudge", .send(SendStep(message: "welcome-nudge"))),
/// ])
/// program.instructions.map(\.stepID)   // ["1", "2", "nudge", "end"]
/// ```
///
/// Step ids are the YAML `id:` when given, else the step's 1-based position, with branch cases
/// adding the case's first value: step 1 of the `fr` case of step 4 is `4.fr.1`, of its
/// `otherwise` `4.otherwise.1`. A nested step's id starts with its parent's id, given or derived.
/// Ids go into outbox idempotency keys: renaming or reordering steps of a running journey changes
/// them, so messages already planned under the old id may be planned again; give steps explicit
/// ids before editing a live journey. Jumps only go forward, so every program terminates.
public struct JourneyProgram: Hashable, Sendable {
    public private(set) var instructions: [JourneyInstruction]
    public var goal: JourneyGoal?
    /// Segments the journey targets, for `exit_if: left_segment`; nil when it targets none.
    public var segments: Set<String>?

    public init(compiling steps: [JourneyStep], goal: JourneyGoal? = nil, segments: Set<String>? = nil) {
        instructions = []
        self.goal = goal
        self.segments = segments
        emit(steps, prefix: "")
        instructions.append(JourneyInstruction(stepID: "end", operation: .end))
    }

    /// Every channel a send step may use; `exit_if: unsubscribed` exits when all of them are gone.
    public var channels: Set<DeliveryChannel> {
        var channels: Set<DeliveryChannel> = []
        for case .send(let step) in instructions.map(\.operation) { channels.formUnion(step.channels.channels) }
        return channels
    }

    /// The send steps with their ids, in program order: what a dry run or a template check lists.
    public var sends: [(stepID: String, step: SendStep)] {
        instructions.compactMap { instruction in
            if case .send(let step) = instruction.operation { return (instruction.stepID, step) }
            return nil
        }
    }

    private mutating func emit(_ steps: [JourneyStep], prefix: String) {
        for (offset, step) in steps.enumerated() {
            let stepID = step.id ?? prefix + String(offset + 1)
            switch step.action {
            case .send(let send): append(stepID, .send(send))
            case .wait(let wait): append(stepID, .wait(wait))
            case .exitIf(let conditions): append(stepID, .exitIf(conditions))
            case .branch(let branch): emitBranch(branch, stepID: stepID)
            }
        }
    }

    private mutating func emitBranch(_ branch: BranchStep, stepID: String) {
        let branchIndex = instructions.count
        append(stepID, .end)  // patched below, once the targets are known
        var targets: [JourneyInstruction.BranchTarget] = []
        var jumps: [Int] = []
        for branchCase in branch.cases {
            targets.append(JourneyInstruction.BranchTarget(values: branchCase.values, target: instructions.count))
            emit(branchCase.steps, prefix: "\(stepID).\(branchCase.values.first ?? "case").")
            jumps.append(instructions.count)
            append("\(stepID).join", .end)
        }
        let otherwise = instructions.count
        emit(branch.otherwise, prefix: "\(stepID).otherwise.")
        let after = instructions.count
        for jump in jumps { instructions[jump].operation = .jump(after) }
        instructions[branchIndex].operation = .branch(on: branch.on, cases: targets, otherwise: otherwise)
    }

    private mutating func append(_ stepID: String, _ operation: JourneyInstruction.Operation) {
        instructions.append(JourneyInstruction(stepID: stepID, operation: operation))
    }
}
