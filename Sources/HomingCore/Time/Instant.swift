/// A point in time, as whole milliseconds since 1970-01-01T00:00:00Z.
///
/// ```swift
/// let placed = try Instant(iso8601: "2026-03-05T14:22:10+01:00")
/// placed.iso8601                       // "2026-03-05T13:22:10Z"
/// Instant(millisecondsSince1970: 0) < placed   // true
/// ```
///
/// Homing stores every timestamp as UTC milliseconds: integer arithmetic keeps recency exact and
/// comparisons cheap, and the original offset is irrelevant once the instant is known.
public struct Instant: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var millisecondsSince1970: Int64

    public init(millisecondsSince1970: Int64) { self.millisecondsSince1970 = millisecondsSince1970 }

    public static func < (lhs: Instant, rhs: Instant) -> Bool {
        lhs.millisecondsSince1970 < rhs.millisecondsSince1970
    }

    public var description: String { iso8601 }

    /// The instant `days` whole days (of 86 400 s) later; negative goes back.
    public func adding(days: Int) -> Instant {
        Instant(millisecondsSince1970: millisecondsSince1970 + Int64(days) * Instant.millisecondsPerDay)
    }

    /// Whole days of 86 400 s from `earlier` to `self`, rounded down.
    public func days(since earlier: Instant) -> Int {
        let delta = millisecondsSince1970 - earlier.millisecondsSince1970
        return Int(
            delta >= 0
                ? delta / Instant.millisecondsPerDay
                : -((-delta + Instant.millisecondsPerDay - 1) / Instant.millisecondsPerDay)
        )
    }

    public static let millisecondsPerDay: Int64 = 86_400_000
}
