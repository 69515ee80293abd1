/// How raw RFM values become scores 1–5 (DESIGN.md §4.3).
///
/// ```swift
/// let method = ScoringMethod.thresholds(RFMThresholds(recencyDays: [30, 90, 180, 365], frequency: [1, 2, 4, 8],
///                                                     monetaryMinor: [5_000, 15_000, 40_000, 100_000]))
/// ```
public enum ScoringMethod: Hashable, Sendable {
    /// `1 + floor(5 × below / n)`, `below` counting customers strictly worse; equal values share a score.
    case quantile
    /// SQL `NTILE(5)` ordered worse first, ties by customer id (byte-wise UTF-8), remainder to the lowest buckets.
    case ntile
    /// Fixed cut points per dimension.
    case thresholds(RFMThresholds)

    public var name: String {
        switch self {
        case .quantile: "quantile"
        case .ntile: "ntile"
        case .thresholds: "thresholds"
        }
    }
}

/// Four ascending cut points per dimension. A value at or below the k-th cut point falls in band k.
///
/// Recency counts down (≤ 1st cut → 5, above the 4th → 1); frequency and monetary count up
/// (≤ 1st cut → 1, above the 4th → 5).
public struct RFMThresholds: Hashable, Sendable {
    public var recencyDays: [Int]
    public var frequency: [Int]
    public var monetaryMinor: [Int64]

    public init(recencyDays: [Int], frequency: [Int], monetaryMinor: [Int64]) {
        self.recencyDays = recencyDays
        self.frequency = frequency
        self.monetaryMinor = monetaryMinor
    }

    func band<T: Comparable>(_ value: T, cuts: [T]) -> Int {
        var band = 1
        for cut in cuts where value > cut { band += 1 }
        return band
    }
}
