/// A `branch` step: the first case whose values match the customer runs, else `otherwise`.
///
/// ```swift
/// let byLocale = BranchStep(
///     on: .locale,
///     cases: [BranchCase(values: ["fr"], steps: [JourneyStep(.send(SendStep(message: "offer-fr")))])],
///     otherwise: [])
/// ```
///
/// Locale values match as prefixes (`zh` catches `zh-Hant-TW`); segment and attribute values
/// match exactly, attributes ignoring case (`FR` = `fr`). After the chosen case the journey
/// continues with the step after the branch.
public struct BranchStep: Hashable, Sendable {
    public var on: BranchSubject
    public var cases: [BranchCase]
    public var otherwise: [JourneyStep]

    public init(on: BranchSubject, cases: [BranchCase], otherwise: [JourneyStep] = []) {
        self.on = on
        self.cases = cases
        self.otherwise = otherwise
    }
}

/// What a branch looks at: YAML `branch: segment`, `branch: locale` or `branch: { attribute: country }`.
///
/// ```swift
/// BranchSubject.attribute("country")   // matched against EnrolmentFacts.attributes["country"]
/// ```
public enum BranchSubject: Hashable, Sendable {
    case segment
    case locale
    /// A customer attribute such as `country`.
    case attribute(String)
}

/// One `when:` case of a branch; its first value names it in derived step ids (`4.fr.1`).
///
/// ```swift
/// BranchCase(values: ["fr", "be"], steps: [JourneyStep(.send(SendStep(message: "offre")))])
/// ```
public struct BranchCase: Hashable, Sendable {
    public var values: [String]
    public var steps: [JourneyStep]

    public init(values: [String], steps: [JourneyStep]) {
        self.values = values
        self.steps = steps
    }
}
