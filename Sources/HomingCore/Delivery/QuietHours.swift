import Foundation

/// Hours in the recipient's time zone when a channel stays silent; a message due inside waits for the end.
///
/// ```swift
/// let quiet = QuietHours.smsDefault                      // 21:00–08:00
/// let newYork = TimeZone(identifier: "America/New_York")!
/// quiet.deferral(for: try Instant(iso8601: "2026-03-08T02:30:00Z"), in: newYork)
/// // 21:30 EST on the 7th → 2026-03-08T12:00:00Z, 08:00 EDT the next morning
/// ```
///
/// `start` is inside the window and `end` is not; a window whose start is after its end wraps
/// midnight. Equal start and end means no quiet hours. The end is a local wall-clock time, so
/// it is right across daylight-saving changes (see ``LocalTimeOfDay``).
public struct QuietHours: Hashable, Sendable, CustomStringConvertible {
    public var start: LocalTimeOfDay
    public var end: LocalTimeOfDay

    public init(start: LocalTimeOfDay, end: LocalTimeOfDay) {
        self.start = start
        self.end = end
    }

    /// Parses `"21:00-08:00"`, or nil.
    public init?(parsing text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2,
            let start = LocalTimeOfDay(parsing: parts[0].trimmingCharacters(in: .whitespaces)),
            let end = LocalTimeOfDay(parsing: parts[1].trimmingCharacters(in: .whitespaces))
        else { return nil }
        self.init(start: start, end: end)
    }

    public var description: String { "\(start)-\(end)" }

    /// Nil when a message may go out at `instant`, else the instant the window ends in `zone`.
    public func deferral(for instant: Instant, in zone: TimeZone) -> Instant? {
        guard start != end else { return nil }
        let (day, time) = zone.localDayAndTime(of: instant)
        let wraps = start > end
        let inside =
            wraps
            ? time >= start.secondsSinceMidnight || time < end.secondsSinceMidnight
            : time >= start.secondsSinceMidnight && time < end.secondsSinceMidnight
        guard inside else { return nil }
        let endDay = wraps && time >= start.secondsSinceMidnight ? day + 1 : day
        return zone.instant(localDay: endDay, time: end)
    }

    /// SMS: 21:00–08:00.
    public static let smsDefault = QuietHours(
        start: LocalTimeOfDay(hour: 21, minute: 0)!,
        end: LocalTimeOfDay(hour: 8, minute: 0)!
    )
    /// Push: 22:00–08:00.
    public static let pushDefault = QuietHours(
        start: LocalTimeOfDay(hour: 22, minute: 0)!,
        end: LocalTimeOfDay(hour: 8, minute: 0)!
    )
    /// The defaults per channel: SMS and push as above, email and webhooks none.
    public static let defaults: [DeliveryChannel: QuietHours] = [.sms: smsDefault, .push: pushDefault]
}
