/// The per-segment table `homing segments` prints: size, share, revenue and mean R, F, M.
///
/// ```swift
/// let report = SegmentReport(values: values, scores: scores, rules: rules, prospects: 120)
/// for row in report.rows { print(row.segment, row.customers, row.share) }
/// ```
///
/// Rows follow the rule order, so the table reads like `config/segments.yaml`; empty segments are kept
/// with zero customers so two reports always have the same rows.
public struct SegmentReport: Sendable {
    public struct Row: Hashable, Sendable {
        public var segment: String
        public var customers: Int
        /// Customers ÷ scored customers (0 when nobody is scored).
        public var share: Double
        /// Sum of monetary values, base minor units.
        public var revenueMinor: Int64
        public var meanRecencyDays: Double?
        public var meanFrequency: Double?
        /// Base minor units.
        public var meanMonetaryMinor: Double?
    }

    public let rows: [Row]
    public let scoredCustomers: Int
    /// Customers without a completed order at `as_of`.
    public let prospects: Int

    public init(values: [RFMValues], segmentIndexes: [Int], rules: SegmentRuleSet, prospects: Int) {
        var customers = [Int](repeating: 0, count: rules.rules.count)
        var revenue = [Int64](repeating: 0, count: rules.rules.count)
        var recency = [Int](repeating: 0, count: rules.rules.count)
        var frequency = [Int](repeating: 0, count: rules.rules.count)
        for (value, index) in zip(values, segmentIndexes) {
            customers[index] += 1
            revenue[index] += value.monetaryMinor
            recency[index] += value.recencyDays
            frequency[index] += value.frequency
        }
        let total = values.count
        rows = rules.rules.indices.map { index in
            let count = customers[index]
            let mean = { (sum: Double) in count == 0 ? nil : sum / Double(count) }
            return Row(
                segment: rules.rules[index].segment,
                customers: count,
                share: total == 0 ? 0 : Double(count) / Double(total),
                revenueMinor: revenue[index],
                meanRecencyDays: mean(Double(recency[index])),
                meanFrequency: mean(Double(frequency[index])),
                meanMonetaryMinor: mean(Double(revenue[index]))
            )
        }
        scoredCustomers = total
        self.prospects = prospects
    }
}
