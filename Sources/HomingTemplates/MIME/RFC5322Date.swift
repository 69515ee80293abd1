import Foundation
import HomingCore

/// The `Date:` header format, always in UTC: `Thu, 05 Mar 2026 12:00:00 +0000`.
///
/// ```swift
/// RFC5322Date.format(Date(timeIntervalSince1970: 1_772_712_000))   // "Thu, 05 Mar 2026 12:00:00 +0000"
/// ```
///
/// Computed from the epoch with integer arithmetic: no formatter, no locale, nothing to get wrong in `fr`.
enum RFC5322Date {
    private static let days = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    static func format(_ date: Date) -> String {
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        let dayNumber = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - dayNumber * 86_400
        let date = Instant.civil(fromDays: dayNumber)
        let (year, month, day) = (Int(date.year), Int(date.month), Int(date.day))
        let weekday = days[Int(((dayNumber % 7) + 7) % 7)]
        return "\(weekday), \(pad(day)) \(months[month - 1]) \(year) \(pad(Int(secondOfDay / 3600))):"
            + "\(pad(Int(secondOfDay % 3600 / 60))):\(pad(Int(secondOfDay % 60))) +0000"
    }

    private static func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
}
