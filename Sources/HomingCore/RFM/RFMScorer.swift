/// Scores a population of customers on recency, frequency and monetary value.
///
/// ```swift
/// let scores = RFMScorer.score(values, method: .quantile)   // scores[i] belongs to values[i]
/// ```
///
/// Quantile scores depend only on the values, so equal values always share a score. NTILE breaks ties
/// by customer id so its output is still deterministic. Cost: O(n log n) per dimension.
public enum RFMScorer {
    public static func score(_ values: [RFMValues], method: ScoringMethod) -> [RFMScore] {
        let n = values.count
        guard n > 0 else { return [] }
        // Recency is better when smaller: negate it so "larger is better" holds on every dimension.
        let recency = values.map { -Int64($0.recencyDays) }
        let frequency = values.map { Int64($0.frequency) }
        let monetary = values.map(\.monetaryMinor)
        let r: [Int]
        let f: [Int]
        let m: [Int]
        switch method {
        case .quantile:
            (r, f, m) = (quantile(recency), quantile(frequency), quantile(monetary))
        case .ntile:
            let idOrder = idRanks(values)
            (r, f, m) = (ntile(recency, idOrder), ntile(frequency, idOrder), ntile(monetary, idOrder))
        case .thresholds(let cuts):
            r = values.map { 6 - cuts.band($0.recencyDays, cuts: cuts.recencyDays) }
            f = values.map { cuts.band($0.frequency, cuts: cuts.frequency) }
            m = values.map { cuts.band($0.monetaryMinor, cuts: cuts.monetaryMinor) }
        }
        return (0..<n).map { RFMScore(r: r[$0], f: f[$0], m: m[$0]) }
    }

    /// `1 + floor(5 × below / n)` where `below` counts values strictly smaller (worse).
    ///
    /// One sort of (value, index) pairs, then a walk over runs of equal values: everyone in a run has
    /// `below` = the run's start. Faster than a binary search per customer, which misses the cache.
    static func quantile(_ values: [Int64]) -> [Int] {
        let n = values.count
        var pairs = values.enumerated().map { (value: $0.element, index: $0.offset) }
        pairs.sort { $0.value < $1.value }
        var scores = [Int](repeating: 0, count: n)
        var runStart = 0
        for position in 0..<n {
            if pairs[position].value != pairs[runStart].value { runStart = position }
            scores[pairs[position].index] = 1 + (5 * runStart) / n
        }
        return scores
    }

    /// NTILE(5) over the values ordered worse (smaller) first, ties by customer id rank.
    static func ntile(_ values: [Int64], _ idRank: [Int]) -> [Int] {
        let n = values.count
        let order = (0..<n).sorted { a, b in
            values[a] != values[b] ? values[a] < values[b] : idRank[a] < idRank[b]
        }
        let base = n / 5
        let remainder = n % 5
        let large = base + 1
        var scores = [Int](repeating: 0, count: n)
        for (position, index) in order.enumerated() {
            scores[index] =
                position < remainder * large
                ? position / large + 1
                : remainder + (position - remainder * large) / base + 1
        }
        return scores
    }

    /// Each customer's position in byte-wise UTF-8 order of ids (SQLite's BINARY collation).
    static func idRanks(_ values: [RFMValues]) -> [Int] {
        let order = (0..<values.count).sorted {
            values[$0].customerID.utf8.lexicographicallyPrecedes(values[$1].customerID.utf8)
        }
        var ranks = [Int](repeating: 0, count: values.count)
        for (rank, index) in order.enumerated() { ranks[index] = rank }
        return ranks
    }
}
