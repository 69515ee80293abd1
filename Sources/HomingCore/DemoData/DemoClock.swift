/// Calendar arithmetic on Unix seconds, done by hand so formatting never depends on a platform's formatter.
///
/// ```swift
/// try DemoClock.parse("2026-11-01T00:00:00Z")        // 1_793_491_200
/// try DemoClock.parse("2026-11-01T01:00:00+01:00")   // 1_793_491_200
/// try DemoClock.parse("2026-11-01")                  // 1_793_491_200 (midnight UTC)
/// ```
public enum DemoClock {
    /// Parses `YYYY-MM-DD`, or `YYYY-MM-DDTHH:MM:SS` (optional fraction, ignored) followed by `Z` or `±HH:MM`.
    public static func parse(_ text: String) throws(DemoDataError) -> Int64 {
        let bytes = Array(text.utf8)
        func number(_ start: Int, _ count: Int) -> Int? {
            guard start + count <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[start..<start + count] {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        let invalid = DemoDataError(description: "\"\(text)\" is not an ISO 8601 time like 2026-11-01T00:00:00Z")
        guard let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
            bytes.count >= 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day)
        else { throw invalid }
        let date = Int64(daysFromCivil(year: year, month: month, day: day)) * 86_400
        if bytes.count == 10 { return date }
        guard bytes.count >= 20, bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: " "),
            let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2),
            bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"), hour < 24, minute < 60, second < 61
        else { throw invalid }
        var index = 19
        if bytes[index] == UInt8(ascii: ".") {
            index += 1
            while index < bytes.count, number(index, 1) != nil { index += 1 }
        }
        let local = date + Int64(hour * 3600 + minute * 60 + second)
        guard index < bytes.count else { throw invalid }
        if bytes[index] == UInt8(ascii: "Z"), index + 1 == bytes.count { return local }
        guard index + 6 == bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-"),
            let offsetHours = number(index + 1, 2), bytes[index + 3] == UInt8(ascii: ":"),
            let offsetMinutes = number(index + 4, 2)
        else { throw invalid }
        let offset = Int64(offsetHours * 3600 + offsetMinutes * 60)
        return bytes[index] == UInt8(ascii: "+") ? local - offset : local + offset
    }

    /// Howard Hinnant's `days_from_civil`: days since 1970-01-01 in the proleptic Gregorian calendar.
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// Howard Hinnant's `civil_from_days`, the inverse of `daysFromCivil`.
    static func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
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

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
