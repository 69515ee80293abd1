/// Why a timestamp was refused.
public struct TimestampError: Error, Equatable, Sendable, CustomStringConvertible {
    public let description: String
    public init(description: String) { self.description = description }
}

extension Instant {
    /// Parses ISO 8601 / RFC 3339 with a mandatory offset: `2026-03-05T14:22:10Z`, `…10.250+01:00`, `…10+0100`.
    ///
    /// Seconds and fractions are optional; `T` may be a space. A timestamp without an offset is refused:
    /// its instant would depend on a guess about the shop's time zone.
    public init(iso8601 text: String) throws(TimestampError) {
        var copy = text
        let parsed = copy.withUTF8 { Instant.parse($0) }
        guard let parsed else {
            throw TimestampError(description: Instant.explain(text))
        }
        self = parsed
    }

    /// Like `init(iso8601:)`, but also takes a bare date (`2026-11-01`) as midnight UTC; for command options.
    public init(iso8601OrDate text: String) throws(TimestampError) {
        if text.utf8.count == 10, let instant = try? Instant(iso8601: text + "T00:00:00Z") {
            self = instant
        } else {
            try self.init(iso8601: text)
        }
    }

    /// `2026-03-05T13:22:10Z`, with milliseconds only when there are some.
    public var iso8601: String {
        let ms = millisecondsSince1970
        let days =
            ms >= 0
            ? ms / Instant.millisecondsPerDay : -((-ms + Instant.millisecondsPerDay - 1) / Instant.millisecondsPerDay)
        let msOfDay = ms - days * Instant.millisecondsPerDay
        let (year, month, day) = Instant.civil(fromDays: days)
        let seconds = msOfDay / 1000
        var text =
            "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T"
            + "\(pad(seconds / 3600, 2)):\(pad(seconds / 60 % 60, 2)):\(pad(seconds % 60, 2))"
        if msOfDay % 1000 != 0 { text += ".\(pad(msOfDay % 1000, 3))" }
        return text + "Z"
    }

    private func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    // The byte-level parser: one pass, no allocation; import calls it for every row.
    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Instant? {
        var index = 0
        func digits(_ count: Int) -> Int64? {
            guard index + count <= bytes.count else { return nil }
            var value: Int64 = 0
            for offset in 0..<count {
                let byte = bytes[index + offset]
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int64(byte - 48)
            }
            index += count
            return value
        }
        func expect(_ byte: UInt8) -> Bool {
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }
        guard let year = digits(4), expect(45), let month = digits(2), expect(45), let day = digits(2),
            (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year),
            index < bytes.count, bytes[index] == 84 || bytes[index] == 116 || bytes[index] == 32
        else { return nil }
        index += 1
        guard let hour = digits(2), expect(58), let minute = digits(2), hour <= 23, minute <= 59 else { return nil }
        var second: Int64 = 0
        var millis: Int64 = 0
        if expect(58) {
            guard let value = digits(2), value <= 60 else { return nil }
            second = min(value, 59)  // a leap second is kept as :59, the instant SQL and POSIX can represent
            if expect(46) {
                var scale: Int64 = 100
                var count = 0
                while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 {
                    millis += Int64(bytes[index] - 48) * scale
                    scale /= 10
                    index += 1
                    count += 1
                }
                guard count > 0 else { return nil }
            }
        }
        guard index < bytes.count else { return nil }
        var offsetSeconds: Int64 = 0
        switch bytes[index] {
        case 90, 122:  // Z z
            index += 1
        case 43, 45:  // + -
            let sign: Int64 = bytes[index] == 45 ? -1 : 1
            index += 1
            guard let offsetHours = digits(2), offsetHours <= 18 else { return nil }
            var offsetMinutes: Int64 = 0
            if index < bytes.count {
                _ = expect(58)
                guard let value = digits(2), value <= 59 else { return nil }
                offsetMinutes = value
            }
            offsetSeconds = sign * (offsetHours * 3600 + offsetMinutes * 60)
        default:
            return nil
        }
        guard index == bytes.count else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds
        return Instant(millisecondsSince1970: seconds * 1000 + millis)
    }

    private static func explain(_ text: String) -> String {
        let hasDate = text.utf8.count >= 10
        if hasDate, !text.contains("T"), !text.contains("t"), !text.contains(" ") {
            return "\"\(text)\" needs a time and an offset, e.g. \(text.prefix(10))T00:00:00Z"
        }
        if hasDate, text.last.map({ $0.isNumber }) == true, text.count <= 26, !text.dropFirst(10).contains("+"),
            !text.dropFirst(10).contains("-")
        {
            return "\"\(text)\" has no UTC offset: add Z or +hh:mm"
        }
        return "\"\(text)\" is not an ISO 8601 timestamp like 2026-03-05T14:22:10+01:00"
    }

    static func isLeap(_ year: Int64) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

    static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    // Howard Hinnant's days_from_civil: proleptic Gregorian date → days since 1970-01-01.
    static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The proleptic Gregorian date of a day number (days since 1970-01-01), Howard Hinnant's `civil_from_days`.
    ///
    /// ```swift
    /// Instant.civil(fromDays: 20_517)   // (2026, 3, 5)
    /// ```
    public static func civil(fromDays days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
