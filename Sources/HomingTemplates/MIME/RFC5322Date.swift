import Foundation
import HomingCore
import Synchronization

/// The `Date:` header format, always in UTC: `Thu, 05 Mar 2026 12:00:00 +0000`.
///
/// ```swift
/// RFC5322Date.format(Date(timeIntervalSince1970: 1_772_712_000))   // "Thu, 05 Mar 2026 12:00:00 +0000"
/// ```
///
/// Computed from the epoch with integer arithmetic: no formatter, no locale, nothing to get wrong in `fr`.
/// Written as bytes because every message carries one.
enum RFC5322Date {
    private static let days = Array("ThuFriSatSunMonTueWed".utf8)
    private static let months = Array("JanFebMarAprMayJunJulAugSepOctNovDec".utf8)

    static func format(_ date: Date) -> String {
        var out: [UInt8] = []
        append(date, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// The last second written and its text: a send writes thousands of messages within each second.
    private static let last = Mutex<(seconds: Int64, text: [UInt8])?>(nil)

    static func append(_ date: Date, to out: inout some ByteSink) {
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        let text =
            last.withLock { $0?.seconds == seconds ? $0?.text : nil }
            ?? {
                var text: [UInt8] = []
                append(seconds: seconds, to: &text)
                last.withLock { $0 = (seconds, text) }
                return text
            }()
        text.withUnsafeBufferPointer { out.appendBytes($0) }
    }

    private static func append(seconds: Int64, to out: inout [UInt8]) {
        let dayNumber = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = Int(seconds - dayNumber * 86_400)
        let date = Instant.civil(fromDays: dayNumber)
        let weekday = Int(((dayNumber % 7) + 7) % 7)
        out.append(contentsOf: days[(weekday * 3)..<(weekday * 3 + 3)])
        out.appendUTF8(", ")
        pad(Int(date.day), to: &out)
        out.append(0x20)
        let month = Int(date.month) - 1
        out.append(contentsOf: months[(month * 3)..<(month * 3 + 3)])
        out.append(0x20)
        out.append(contentsOf: String(date.year).utf8)
        out.append(0x20)
        pad(secondOfDay / 3600, to: &out)
        out.append(UInt8(ascii: ":"))
        pad(secondOfDay % 3600 / 60, to: &out)
        out.append(UInt8(ascii: ":"))
        pad(secondOfDay % 60, to: &out)
        out.appendUTF8(" +0000")
    }

    /// Two digits, as every field but the year is written.
    private static func pad(_ value: Int, to out: inout [UInt8]) {
        out.append(UInt8(truncatingIfNeeded: 0x30 + value / 10))
        out.append(UInt8(truncatingIfNeeded: 0x30 + value % 10))
    }
}
