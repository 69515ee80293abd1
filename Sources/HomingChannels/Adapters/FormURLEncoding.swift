/// Encodes fields as an `application/x-www-form-urlencoded` body (WHATWG URL §5.2).
///
/// ```swift
/// FormURLEncoding.encode([("To", "+14155550100"), ("Body", "你好 world")])
/// // "To=%2B14155550100&Body=%E4%BD%A0%E5%A5%BD+world"
/// ```
///
/// Every byte of the UTF-8 form except `A–Z a–z 0–9 * - . _` is percent-encoded and a space
/// becomes `+`, so a literal `+` in a phone number survives as `%2B`.
enum FormURLEncoding {
    static func encode(_ fields: [(String, String)]) -> String {
        fields.map { escape($0.0) + "=" + escape($0.1) }.joined(separator: "&")
    }

    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "*"), UInt8(ascii: "-"),
                UInt8(ascii: "."), UInt8(ascii: "_"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            case UInt8(ascii: " "):
                result.append("+")
            default:
                result.append("%")
                result.append(hexDigits[Int(byte >> 4)])
                result.append(hexDigits[Int(byte & 0x0F)])
            }
        }
        return result
    }

    private static let hexDigits: [Character] = Array("0123456789ABCDEF")
}
