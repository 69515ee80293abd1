/// One RFM segmentation run over a population: values, scores, segments and the per-segment report.
///
/// ```swift
/// let run = Segmentation(activities: activities, prospects: 40, asOf: now, method: .quantile, rules: rules)
/// run.segment(of: 0)        // e.g. "champions"
/// run.report.rows           // the table `homing segments` prints
/// ```
///
/// `activities` must already be cut at `asOf` (no order after it); the store does that.
public struct Segmentation: Sendable {
    public let asOf: Instant
    public let method: ScoringMethod
    public let rules: SegmentRuleSet
    public let values: [RFMValues]
    public let scores: [RFMScore]
    /// Index into `rules.rules` per customer.
    public let segmentIndexes: [Int]
    public let report: SegmentReport

    public init(
        activities: [CustomerActivity],
        prospects: Int,
        asOf: Instant,
        method: ScoringMethod,
        rules: SegmentRuleSet
    ) {
        self.asOf = asOf
        self.method = method
        self.rules = rules
        values = activities.map { $0.rfmValues(asOf: asOf) }
        scores = RFMScorer.score(values, method: method)
        segmentIndexes = scores.map(rules.segmentIndex(for:))
        report = SegmentReport(values: values, segmentIndexes: segmentIndexes, rules: rules, prospects: prospects)
    }

    /// The segment id of customer `index`.
    public func segment(of index: Int) -> String { rules.rules[segmentIndexes[index]].segment }
}
