/// One journey as configured in `config/journeys/ID.yaml`: who enters, when, and what they receive.
///
/// ```swift
/// let journey = JourneyDefinition(
///     id: "welcome", description: "Greets new customers", entry: .customerCreated,
///     program: JourneyProgram(compiling: [JourneyStep(.send(SendStep(message: "welcome")))]))
/// journey.holdoutShare   // 0
/// ```
///
/// The definition is data only; the engine enrols customers with ``allowsEntry(previousEntry:now:)``
/// of ``reentry``, ``Holdout/isControl(journeyID:customerID:share:)`` and ``audience``, then walks
/// ``program`` with ``JourneyInterpreter``.
public struct JourneyDefinition: Hashable, Sendable {
    /// `[a-z][a-z0-9-]*`, the file's name without `.yaml`.
    public var id: String
    public var description: String
    public var entry: JourneyEntry
    public var audience: Audience
    public var reentry: ReentryPolicy
    /// The share of entrants kept as a control group, from 0 to 0.5.
    public var holdoutShare: Double
    /// The compiled steps; it also carries the goal, which the interpreter checks first.
    public var program: JourneyProgram

    /// An order within this window after entry ends the journey as a conversion.
    public var goal: JourneyGoal? { program.goal }

    public init(
        id: String,
        description: String = "",
        entry: JourneyEntry,
        audience: Audience = Audience(),
        reentry: ReentryPolicy = .never,
        holdoutShare: Double = 0,
        program: JourneyProgram
    ) {
        self.id = id
        self.description = description
        self.entry = entry
        self.audience = audience
        self.reentry = reentry
        self.holdoutShare = holdoutShare
        self.program = program
    }

    /// Whether `text` is a valid journey id: a lower-case letter, then lower-case letters, digits and `-`.
    public static func isValidID(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
        return text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }
}
