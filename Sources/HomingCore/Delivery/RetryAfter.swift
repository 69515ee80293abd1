/// Parses the headers with which providers say when to try again.
///
/// ```swift
/// let now = try Instant(iso8601: "2015-10-21T07:27:00Z")
/// RetryAfter.parse("120", now: now)                             // now + 120 s
/// RetryAfter.parse("Wed, 21 Oct 2015 07:28:00 GMT", now: now)   // 2015-10-21T07:28:00Z
/// RetryAfter.parse("soon", now: now)                            // nil
/// RetryAfter.rateLimitReset("1445412480")                       // 2015-10-21T07:28:00Z
/// ```
///
/// `Retry-After` (RFC 9110 §10.2.3) is delta-seconds or an HTTP-date (§5.6.7) in any of its three
/// forms: IMF-fixdate, the obsolete RFC 850 form and C's asctime form. Parsing is by hand, not
/// with `DateFormatter`: the grammar is tiny, and formatters depend on the process locale.
/// A date in the past is returned as is; callers treat it as "now".
public enum RetryAfter {
    /// The instant a `Retry-After` value names, or nil when it is neither form.
    ///
    /// `now` anchors delta-seconds and decides the century of an RFC 850 two-digit year.
    public static func parse(_ value: String, now: Instant) -> Instant? {
        let text = trimmed(value)
        guard let first = text.utf8.first else { return nil }
        if isDigit(first) {
            guard let seconds = unsignedInteger(text) else { return nil }
            let (offset, overflow) = seconds.multipliedReportingOverflow(by: 1000)
            guard !overflow else { return nil }
            let (sum, overflowSum) = now.millisecondsSince1970.addingReportingOverflow(offset)
            return overflowSum ? nil : Instant(millisecondsSince1970: sum)
        }
        return HTTPDate.parse(text, now: now)
    }

    /// The instant an `X-RateLimit-Reset` value names, read as Unix epoch seconds, or nil.
    ///
    /// Providers that use the header (GitHub, many API gateways) send when the window resets, not
    /// how long to wait; that is why this is separate from ``parse(_:now:)``.
    public static func rateLimitReset(_ value: String) -> Instant? {
        guard let seconds = unsignedInteger(trimmed(value)) else { return nil }
        let (milliseconds, overflow) = seconds.multipliedReportingOverflow(by: 1000)
        return overflow ? nil : Instant(millisecondsSince1970: milliseconds)
    }

    // Header values may carry optional whitespace (OWS) around them.
    static func trimmed(_ value: String) -> Substring {
        var text = Substring(value)
        while let last = text.last, last == " " || last == "\t" { text.removeLast() }
        while let first = text.first, first == " " || first == "\t" { text.removeFirst() }
        return text
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    static func unsignedInteger(_ text: Substring) -> Int64? {
        guard !text.isEmpty else { return nil }
        var value: Int64 = 0
        for byte in text.utf8 {
            guard isDigit(byte) else { return nil }
            let (times, overflow) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflowSum) = times.addingReportingOverflow(Int64(byte - 0x30))
            guard !overflow, !overflowSum else { return nil }
            value = sum
        }
        return value
    }
}
