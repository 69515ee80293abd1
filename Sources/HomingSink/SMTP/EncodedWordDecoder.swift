import HomingCore

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
        // Bytes throughout: this runs for the subject of every message the sink receives, and
        // most subjects are plain, so the first scan usually returns the value untouched.
        let bytes = Array(value.utf8)
        guard var start = opening(in: bytes, from: 0) else { return value }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var position = 0
        var lastWasEncoded = false
        while true {
            let before = bytes[position..<start]
            if let (decoded, end) = word(in: bytes, at: start) {
                let onlySpace = before.allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
                if !(lastWasEncoded && onlySpace) { out.append(contentsOf: before) }
                out.append(contentsOf: decoded)
                lastWasEncoded = true
                position = end
            } else {
                out.append(contentsOf: bytes[position..<start + 2])
                lastWasEncoded = false
                position = start + 2
            }
            guard let next = opening(in: bytes, from: position) else { break }
            start = next
        }
        out.append(contentsOf: bytes[position...])
        return String(decoding: out, as: UTF8.self)
    }

    /// Where the next `=?` starts, at or after `from`.
    private static func opening(in bytes: [UInt8], from: Int) -> Int? {
        var index = from
        while index + 1 < bytes.count {
            if bytes[index] == UInt8(ascii: "="), bytes[index + 1] == UInt8(ascii: "?") { return index }
            index += 1
        }
        return nil
    }

    /// The decoded text (UTF-8) of the encoded-word `=?charset?B|Q?payload?=` starting at `start`,
    /// and the index just past it.
    private static func word(in bytes: [UInt8], at start: Int) -> ([UInt8], Int)? {
        var marks: [Int] = []
        var index = start + 2
        while index < bytes.count, marks.count < 3 {
            if bytes[index] == UInt8(ascii: "?") { marks.append(index) }
            index += 1
        }
        guard marks.count == 3, marks[2] + 1 < bytes.count, bytes[marks[2] + 1] == UInt8(ascii: "="),
            marks[1] == marks[0] + 2
        else { return nil }
        let charsetEnd = bytes[(start + 2)..<marks[0]].firstIndex(of: UInt8(ascii: "*")) ?? marks[0]
        let charset = String(decoding: bytes[(start + 2)..<charsetEnd], as: UTF8.self).lowercased()
        let payload = bytes[(marks[1] + 1)..<marks[2]]
        guard !payload.contains(UInt8(ascii: " ")) else { return nil }
        let decoded: [UInt8]?
        switch bytes[marks[0] + 1] | 0x20 {
        case UInt8(ascii: "b"): decoded = base64(payload)
        case UInt8(ascii: "q"): decoded = quoted(payload)
        default: decoded = nil
        }
        guard let decoded, let text = utf8(decoded, charset: charset) else { return nil }
        return (text, marks[2] + 2)
    }

    /// Standard base64; missing padding is tolerated, any other byte outside the alphabet is not.
    private static func base64(_ text: ArraySlice<UInt8>) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(text.count * 3 / 4)
        var accumulator: UInt32 = 0
        var bits = 0
        var padding = false
        for byte in text {
            if byte == UInt8(ascii: "=") {
                padding = true
                continue
            }
            guard !padding, let value = sextet(byte) else { return nil }
            accumulator = accumulator << 6 | UInt32(value)
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits)))
            }
        }
        return text.count % 4 == 1 ? nil : out
    }

    private static func sextet(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): byte - UInt8(ascii: "A")
        case UInt8(ascii: "a")...UInt8(ascii: "z"): byte - UInt8(ascii: "a") + 26
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0") + 52
        case UInt8(ascii: "+"): 62
        case UInt8(ascii: "/"): 63
        default: nil
        }
    }

    private static func quoted(_ text: ArraySlice<UInt8>) -> [UInt8]? {
        var out: [UInt8] = []
        var bytes = text
        while let byte = bytes.popFirst() {
            switch byte {
            case UInt8(ascii: "_"): out.append(UInt8(ascii: " "))
            case UInt8(ascii: "="):
                guard bytes.count >= 2, let high = bytes[bytes.startIndex].hexDigitValue,
                    let low = bytes[bytes.startIndex + 1].hexDigitValue
                else { return nil }
                out.append(high << 4 | low)
                bytes = bytes.dropFirst(2)
            default: out.append(byte)
            }
        }
        return out
    }

    /// `bytes` in `charset` as UTF-8, or nil for another charset or invalid UTF-8.
    private static func utf8(_ bytes: [UInt8], charset: String) -> [UInt8]? {
        switch charset {
        case "utf-8", "utf8", "us-ascii":
            return String(validating: bytes, as: UTF8.self) == nil ? nil : bytes
        case "iso-8859-1", "latin1":
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count * 2)
            for byte in bytes {
                if byte < 0x80 {
                    out.append(byte)
                } else {
                    out.append(0xC0 | byte >> 6)
                    out.append(0x80 | byte & 0x3F)
                }
            }
            return out
        default:
            return nil
        }
    }
}
