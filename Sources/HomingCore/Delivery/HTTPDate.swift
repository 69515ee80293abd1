/// Parses an HTTP-date (RFC 9110 §5.6.7) in any of its three forms.
///
/// ```swift
/// HTTPDate.parse("Sun, 06 Nov 1994 08:49:37 GMT", now: .now)    // IMF-fixdate
/// HTTPDate.parse("Sunday, 06-Nov-94 08:49:37 GMT", now: .now)   // obsolete RFC 850
/// HTTPDate.parse("Sun Nov  6 08:49:37 1994", now: .now)         // asctime
/// ```
///
/// Names are matched without regard to case (senders get it wrong; nothing is ambiguous), the
/// weekday must be a real name but is not checked against the date, and fields are range-checked.
public enum HTTPDate {
    /// The instant `text` names, or nil when it is not an HTTP-date.
    ///
    /// `now` decides the century of an RFC 850 two-digit year: a year that would be more than 50
    /// years in the future is the most recent past year with the same last two digits.
    public static func parse<Text: StringProtocol>(_ text: Text, now: Instant) -> Instant? {
        var scanner = Scanner(Array(text.utf8))
        guard let dayName = scanner.letters() else { return nil }
        let fields: Fields?
        if scanner.take(UInt8(ascii: ",")) {
            guard scanner.take(UInt8(ascii: " ")) else { return nil }
            if shortDays.contains(dayName) {
                fields = imfFixdate(&scanner)
            } else if longDays.contains(dayName) {
                fields = rfc850(&scanner, now: now)
            } else {
                return nil
            }
        } else if shortDays.contains(dayName) {
            fields = asctime(&scanner)
        } else {
            return nil
        }
        guard let fields, scanner.atEnd else { return nil }
        return fields.instant
    }

    private struct Fields {
        var year: Int64
        var month: Int64
        var day: Int64
        var hour: Int64
        var minute: Int64
        var second: Int64

        var instant: Instant? {
            guard (1...12).contains(month), (1...Instant.daysIn(month: month, year: year)).contains(day),
                (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second)
            else { return nil }
            let days = Instant.daysFromCivil(year: year, month: month, day: day)
            let seconds = days * 86_400 + hour * 3600 + minute * 60 + second
            return Instant(millisecondsSince1970: seconds * 1000)
        }
    }

    // IMF-fixdate after "Sun, ": "06 Nov 1994 08:49:37 GMT"
    private static func imfFixdate(_ scanner: inout Scanner) -> Fields? {
        guard let day = scanner.digits(2), scanner.take(UInt8(ascii: " ")), let month = scanner.month(),
            scanner.take(UInt8(ascii: " ")), let year = scanner.digits(4), scanner.take(UInt8(ascii: " ")),
            let time = scanner.time(), scanner.gmt()
        else { return nil }
        return Fields(year: year, month: month, day: day, hour: time.0, minute: time.1, second: time.2)
    }

    // rfc850-date after "Sunday, ": "06-Nov-94 08:49:37 GMT"
    private static func rfc850(_ scanner: inout Scanner, now: Instant) -> Fields? {
        guard let day = scanner.digits(2), scanner.take(UInt8(ascii: "-")), let month = scanner.month(),
            scanner.take(UInt8(ascii: "-")), let shortYear = scanner.digits(2), scanner.take(UInt8(ascii: " ")),
            let time = scanner.time(), scanner.gmt()
        else { return nil }
        let currentYear = Instant.civil(fromDays: now.millisecondsSince1970 / Instant.millisecondsPerDay).year
        var year = currentYear - currentYear % 100 + shortYear
        if year > currentYear + 50 { year -= 100 }
        return Fields(year: year, month: month, day: day, hour: time.0, minute: time.1, second: time.2)
    }

    // asctime-date after "Sun": " Nov  6 08:49:37 1994" (the day is padded with a space)
    private static func asctime(_ scanner: inout Scanner) -> Fields? {
        guard scanner.take(UInt8(ascii: " ")), let month = scanner.month(), scanner.take(UInt8(ascii: " ")) else {
            return nil
        }
        let day: Int64
        if scanner.take(UInt8(ascii: " ")) {
            guard let digit = scanner.digits(1) else { return nil }
            day = digit
        } else {
            guard let digits = scanner.digits(2) else { return nil }
            day = digits
        }
        guard scanner.take(UInt8(ascii: " ")), let time = scanner.time(), scanner.take(UInt8(ascii: " ")),
            let year = scanner.digits(4)
        else { return nil }
        return Fields(year: year, month: month, day: day, hour: time.0, minute: time.1, second: time.2)
    }

    private static let shortDays: Set<String> = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    private static let longDays: Set<String> = [
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    ]
    fileprivate static let months = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ]
}

/// A cursor over the bytes of a date.
private struct Scanner {
    let bytes: [UInt8]
    var index = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool { index == bytes.count }

    mutating func take(_ byte: UInt8) -> Bool {
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    /// A run of ASCII letters, lowercased.
    mutating func letters() -> String? {
        let start = index
        while index < bytes.count, (bytes[index] | 0x20) >= 0x61, (bytes[index] | 0x20) <= 0x7A { index += 1 }
        guard index > start else { return nil }
        return String(decoding: bytes[start..<index].map { $0 | 0x20 }, as: UTF8.self)
    }

    /// Exactly `count` decimal digits.
    mutating func digits(_ count: Int) -> Int64? {
        guard index + count <= bytes.count else { return nil }
        var value: Int64 = 0
        for byte in bytes[index..<(index + count)] {
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            value = value * 10 + Int64(byte - 0x30)
        }
        index += count
        return value
    }

    /// A three-letter month name, as 1...12.
    mutating func month() -> Int64? {
        let start = index
        guard let name = letters(), let position = HTTPDate.months.firstIndex(of: name) else {
            index = start
            return nil
        }
        return Int64(position + 1)
    }

    /// `hh:mm:ss`.
    mutating func time() -> (Int64, Int64, Int64)? {
        guard let hour = digits(2), take(UInt8(ascii: ":")), let minute = digits(2), take(UInt8(ascii: ":")),
            let second = digits(2)
        else { return nil }
        return (hour, minute, second)
    }

    /// `" GMT"`, any case.
    mutating func gmt() -> Bool { take(UInt8(ascii: " ")) && letters() == "gmt" }
}
