import Foundation

/// A wall-clock time of day, `HH:MM`, in whatever zone it is applied to.
///
/// ```swift
/// let ten = LocalTimeOfDay(parsing: "10:00")!
/// let paris = TimeZone(identifier: "Europe/Paris")!
/// ten.nextOccurrence(after: try Instant(iso8601: "2026-03-05T12:00:00Z"), in: paris)
/// // 2026-03-06T09:00:00Z
/// ```
///
/// Daylight-saving changes are handled the way a person would expect: a time that does not exist
/// on a spring-forward day (02:30 in New York on 2026-03-08) becomes the first instant after the
/// gap (03:00 EDT), and a time that occurs twice on a fall-back day takes the first.
public struct LocalTimeOfDay: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let hour: Int
    public let minute: Int

    public init?(hour: Int, minute: Int) {
        guard (0...23).contains(hour), (0...59).contains(minute) else { return nil }
        self.hour = hour
        self.minute = minute
    }

    /// Parses `HH:MM` (24-hour, `H:MM` accepted), or nil.
    public init?(parsing text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
            parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }), let hour = Int(parts[0]), let minute = Int(parts[1])
        else { return nil }
        self.init(hour: hour, minute: minute)
    }

    public var description: String {
        (hour < 10 ? "0" : "") + "\(hour):" + (minute < 10 ? "0" : "") + "\(minute)"
    }

    public var secondsSinceMidnight: Int64 { Int64(hour * 3600 + minute * 60) }

    public static func < (lhs: LocalTimeOfDay, rhs: LocalTimeOfDay) -> Bool {
        lhs.secondsSinceMidnight < rhs.secondsSinceMidnight
    }

    /// The first instant strictly after `instant` whose local time in `zone` is this time of day.
    public func nextOccurrence(after instant: Instant, in zone: TimeZone) -> Instant {
        let day = zone.localDayAndTime(of: instant).day
        for offset in Int64(0)...2 {
            let candidate = zone.instant(localDay: day + offset, time: self)
            if candidate > instant { return candidate }
        }
        return zone.instant(localDay: day + 3, time: self)  // unreachable: two days always hold a later time
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}

extension TimeZone {
    /// The local calendar day of `instant` in this zone, as days since 1970-01-01, and the
    /// seconds since that day's local midnight.
    func localDayAndTime(of instant: Instant) -> (day: Int64, seconds: Int64) {
        let local = instant.secondsSince1970 + offset(at: instant.secondsSince1970)
        let day = local >= 0 ? local / 86_400 : -((-local + 86_399) / 86_400)
        return (day, local - day * 86_400)
    }

    /// The instant of `time` on local day `day`: the earlier one when the time occurs twice, the
    /// end of the gap when it does not occur at all.
    func instant(localDay day: Int64, time: LocalTimeOfDay) -> Instant {
        let local = day * 86_400 + time.secondsSinceMidnight
        // Offsets a day either side bracket any single transition near this local time.
        let before = offset(at: local - 86_400)
        let after = offset(at: local + 86_400)
        let valid = Set([before, after]).map { local - $0 }.filter { offset(at: $0) == local - $0 }
        if let earliest = valid.min() { return Instant(secondsSince1970: earliest) }
        // In a gap: find the transition, the first second whose offset is the later one.
        var low = local - max(before, after)
        var high = local - min(before, after)
        while low < high {
            let middle = low + (high - low) / 2
            if offset(at: middle) == after { high = middle } else { low = middle + 1 }
        }
        return Instant(secondsSince1970: low)
    }

    private func offset(at seconds: Int64) -> Int64 {
        Int64(secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds))))
    }
}
