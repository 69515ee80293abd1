import HomingCore

extension Store {
    /// Scores every customer as of `asOf` with the given method and rules.
    ///
    /// ```swift
    /// let (run, keys) = try store.segmentation(asOf: now, method: .quantile, rules: rules)
    /// ```
    public func segmentation(
        asOf: Instant,
        method: ScoringMethod,
        rules: SegmentRuleSet
    ) throws -> (segmentation: Segmentation, customerKeys: [Int64]) {
        let population = try customerActivity(asOf: asOf)
        let run = Segmentation(
            activities: population.activities,
            prospects: population.prospects,
            asOf: asOf,
            method: method,
            rules: rules
        )
        return (run, population.keys)
    }

    /// Saves `segmentation` as a snapshot; returns its id.
    @discardableResult
    public func save(_ segmentation: Segmentation, customerKeys: [Int64]) throws -> Int64 {
        try saveSegmentSnapshot(
            SegmentSnapshot(
                asOf: segmentation.asOf,
                method: segmentation.method.name,
                customerKeys: customerKeys,
                segments: segmentation.segmentIndexes.map { segmentation.rules.rules[$0].segment },
                scores: segmentation.scores
            )
        )
    }

    /// Retention metrics over `window` (DESIGN.md §4.4), for everyone or, given `segmentsAsOf`, per segment.
    ///
    /// Per segment, buyers are grouped by the segment they are in at the end of the window.
    public func retentionMetrics(
        window: DateWindow,
        bySegment rules: (method: ScoringMethod, rules: SegmentRuleSet)? = nil
    ) throws -> (all: RetentionMetrics, bySegment: [(segment: String, metrics: RetentionMetrics)]) {
        var tally = RetentionTally(window: window)
        try forEachCompletedOrder(in: DateWindow(from: window.previous.from, to: window.to)) { key, at, base in
            tally.add(buyer: key, at: at, baseMinor: base)
        }
        let firsts = try firstOrderInstants()
        let firstOrderAt = { (key: Int64) in firsts[key] ?? window.from }
        let all = tally.metrics(firstOrderAt: firstOrderAt)
        guard let rules else { return (all, []) }
        // Orders at exactly `to` are outside W, so segments are taken just before it.
        let asOf = Instant(millisecondsSince1970: window.to.millisecondsSince1970 - 1)
        let (run, keys) = try segmentation(asOf: asOf, method: rules.method, rules: rules.rules)
        var segmentOf: [Int64: String] = [:]
        for (index, key) in keys.enumerated() { segmentOf[key] = run.segment(of: index) }
        let grouped = tally.metrics(by: { segmentOf[$0] }, firstOrderAt: firstOrderAt)
        let rows = rules.rules.segments.compactMap { name in grouped[name].map { (segment: name, metrics: $0) } }
        return (all, rows)
    }
}
