import Foundation

/// Decodes RFC 2047 encoded-words in a header value, as mail clients show them.
///
/// ```swift
/// EncodedWordDecoder.decode("=?UTF-8?B?5qyi6L+O5Zue5p2l?= =?UTF-8?Q?_Ana?=")   // "欢迎回来 Ana"
/// ```
///
/// Handles `B` and `Q` in UTF-8, US-ASCII and ISO-8859-1, which is what Homing and most mailers
/// send; a word in another charset, or one that does not decode, stays as written. Whitespace
/// between two encoded-words disappears, as RFC 2047 §6.2 says.
enum EncodedWordDecoder {
    static func decode(_ value: String) -> String {
        // A byte scan, not String.contains: most subjects are plain and this runs per message.
        let utf8 = value.utf8
        guard zip(utf8, utf8.dropFirst()).contains(where: { $0 == UInt8(ascii: "=") && $1 == UInt8(ascii: "?") })
        else { return value }
        var out = ""
        var rest = Substring(value)
        var pendingSpace = ""
        var lastWasEncoded = false
        while let start = rest.range(of: "=?") {
            let before = rest[..<start.lowerBound]
            guard let (decoded, end) = word(in: rest[start.lowerBound...]) else {
                out += pendingSpace + before + "=?"
                pendingSpace = ""
                lastWasEncoded = false
                rest = rest[start.upperBound...]
                continue
            }
            let onlySpace = before.allSatisfy { $0 == " " || $0 == "\t" }
            if !(lastWasEncoded && onlySpace) { out += pendingSpace + before }
            out += decoded
            pendingSpace = ""
            lastWasEncoded = true
            rest = rest[end...]
        }
        return out + rest
    }

    /// The decoded text of the encoded-word at the start of `text`, and where it ends.
    private static func word(in text: Substring) -> (String, Substring.Index)? {
        let parts = text.dropFirst(2).split(separator: "?", maxSplits: 3, omittingEmptySubsequences: false)
        guard parts.count == 4, parts[3].hasPrefix("="), parts[1].count == 1 else { return nil }
        let charset = parts[0].lowercased().split(separator: "*").first.map(String.init) ?? ""
        let payload = parts[2]
        guard !payload.contains(" ") else { return nil }
        let bytes: [UInt8]?
        switch parts[1].uppercased() {
        case "B": bytes = base64(payload)
        case "Q": bytes = quoted(payload)
        default: bytes = nil
        }
        guard let bytes, let text = string(bytes, charset: charset) else { return nil }
        return (text, parts[3].index(after: parts[3].startIndex))
    }

    private static func base64(_ text: Substring) -> [UInt8]? {
        var padded = String(text)
        while padded.count % 4 != 0 { padded += "=" }
        return Data(base64Encoded: padded).map(Array.init)
    }

    private static func quoted(_ text: Substring) -> [UInt8]? {
        var out: [UInt8] = []
        var bytes = Array(text.utf8)[...]
        while let byte = bytes.popFirst() {
            switch byte {
            case UInt8(ascii: "_"): out.append(UInt8(ascii: " "))
            case UInt8(ascii: "="):
                guard bytes.count >= 2, let value = UInt8(String(decoding: bytes.prefix(2), as: UTF8.self), radix: 16)
                else { return nil }
                out.append(value)
                bytes = bytes.dropFirst(2)
            default: out.append(byte)
            }
        }
        return out
    }

    private static func string(_ bytes: [UInt8], charset: String) -> String? {
        switch charset {
        case "utf-8", "utf8", "us-ascii":
            return String(validating: bytes, as: UTF8.self)
        case "iso-8859-1", "latin1":
            return String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
        default:
            return nil
        }
    }
}
