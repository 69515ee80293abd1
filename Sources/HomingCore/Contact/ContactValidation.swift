import Foundation

/// Checks for the contact fields of a customer row; each returns nil when the value is fine,
/// or a message for the person fixing the file.
///
/// ```swift
/// ContactValidation.emailProblem("zoe@example.fr")        // nil
/// ContactValidation.phoneProblem("06 12 34 56 78")        // "\"06 12 34 56 78\" is not E.164 …"
/// ContactValidation.timeZoneProblem("Europe/Paris")       // nil
/// ```
public enum ContactValidation {
    /// An RFC 5322 addr-spec (dot-atom or quoted local part, UTF-8 allowed per RFC 6531) with a dotted domain.
    public static func emailProblem(_ text: String) -> String? {
        let bytes = Array(text.utf8)
        guard let at = bytes.lastIndex(of: UInt8(ascii: "@")), at > 0, at < bytes.count - 1 else {
            return "\"\(text)\" is not an email address like name@example.com"
        }
        let local = bytes[..<at]
        let domain = bytes[(at + 1)...]
        guard bytes.count <= 254, local.count <= 64 else { return "\"\(text)\" is longer than an email address can be" }
        if local.first == UInt8(ascii: "\"") {
            guard local.count >= 2, local.last == UInt8(ascii: "\"") else {
                return "\"\(text)\": the quoted local part is not closed"
            }
        } else if !isDotAtom(local, allowed: isAtext) {
            return "\"\(text)\": the part before @ has a character an address cannot hold"
        }
        guard isDotAtom(domain, allowed: isDomainByte), domain.contains(UInt8(ascii: ".")),
            domain.first != UInt8(ascii: "-"), domain.last != UInt8(ascii: "-")
        else {
            return "\"\(text)\": \"\(String(decoding: domain, as: UTF8.self))\" is not a domain like example.com"
        }
        return nil
    }

    /// E.164: `+`, a non-zero country code digit, 7 to 15 digits in all, nothing else.
    public static func phoneProblem(_ text: String) -> String? {
        let bytes = Array(text.utf8)
        let digits = bytes.dropFirst()
        let valid =
            bytes.first == UInt8(ascii: "+") && (7...15).contains(digits.count)
            && digits.first != UInt8(ascii: "0") && digits.allSatisfy { $0 >= 48 && $0 <= 57 }
        guard !valid else { return nil }
        return "\"\(text)\" is not E.164: write + and the country code, digits only, e.g. +33612345678"
    }

    /// An IANA time zone name known to this system's tz database, e.g. `Europe/Paris`.
    public static func timeZoneProblem(_ text: String) -> String? {
        if knownTimeZones.contains(text) { return nil }
        return "\"\(text)\" is not an IANA time zone like Europe/Paris or America/New_York"
    }

    /// An ISO 3166-1 alpha-2 region code, e.g. `FR`.
    public static func countryProblem(_ text: String) -> String? {
        if knownRegions.contains(text) { return nil }
        return "\"\(text)\" is not an ISO 3166-1 alpha-2 country code like FR or TW"
    }

    private static let knownTimeZones: Set<String> = Set(TimeZone.knownTimeZoneIdentifiers).union(["UTC"])
    private static let knownRegions: Set<String> = Set(
        Locale.Region.isoRegions.map(\.identifier).filter { $0.utf8.count == 2 && $0.uppercased() == $0 }
    )

    private static func isDotAtom(_ bytes: ArraySlice<UInt8>, allowed: (UInt8) -> Bool) -> Bool {
        guard let first = bytes.first, let last = bytes.last, first != UInt8(ascii: "."), last != UInt8(ascii: ".")
        else { return false }
        var previousDot = false
        for byte in bytes {
            if byte == UInt8(ascii: ".") {
                if previousDot { return false }
                previousDot = true
            } else {
                guard allowed(byte) else { return false }
                previousDot = false
            }
        }
        return true
    }

    private static func isAtext(_ byte: UInt8) -> Bool {
        if byte >= 0x80 { return true }  // UTF-8 local parts (RFC 6531)
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return "!#$%&'*+-/=?^_`{|}~".utf8.contains(byte)
        }
    }

    private static func isDomainByte(_ byte: UInt8) -> Bool {
        if byte >= 0x80 { return true }  // internationalized domain names
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"):
            return true
        default:
            return false
        }
    }
}
