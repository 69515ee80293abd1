/// One instruction of a compiled ``JourneyProgram``.
///
/// ```swift
/// let instruction = program.instructions[0]
/// instruction.stepID      // "1"
/// instruction.operation   // .send(SendStep(message: "welcome", …))
/// ```
public struct JourneyInstruction: Hashable, Sendable {
    /// Stable id of the step this came from; part of outbox idempotency keys.
    public var stepID: String
    public var operation: Operation

    /// What the instruction does; only `branch` and `jump` move anywhere but the next index.
    ///
    /// ```swift
    /// JourneyInstruction.Operation.jump(10)   // continue at instruction 10, after a branch
    /// ```
    public enum Operation: Hashable, Sendable {
        case send(SendStep)
        case wait(WaitStep)
        case exitIf(Set<ExitCondition>)
        /// Go to the first case's target whose values match, else to `otherwise`.
        case branch(on: BranchSubject, cases: [BranchTarget], otherwise: Int)
        /// Go to `target` (always a later index).
        case jump(Int)
        /// The journey is complete.
        case end
    }

    /// A branch case compiled: its values and the index its steps start at.
    ///
    /// ```swift
    /// JourneyInstruction.BranchTarget(values: ["fr"], target: 4)
    /// ```
    public struct BranchTarget: Hashable, Sendable {
        public var values: [String]
        public var target: Int

        public init(values: [String], target: Int) {
            self.values = values
            self.target = target
        }
    }

    public init(stepID: String, operation: Operation) {
        self.stepID = stepID
        self.operation = operation
    }
}
