import HomingCore

extension JSONReader {
    /// A string value; the reader is on its opening quote.
    mutating func readString() throws(JSONReadError) -> String {
        let (range, escaped) = try scanString()
        if escaped { return try unescape(range) }
        return String(decoding: bytes[range], as: UTF8.self)
    }

    /// An object's key; the reader is on its opening quote.
    mutating func readKey() throws(JSONReadError) -> JSONKey {
        let (range, escaped) = try scanString()
        return JSONKey(range: range, escaped: escaped ? try unescape(range) : nil, bytes: bytes)
    }

    /// Checks a string and moves past it: returns the range between the quotes, and whether it
    /// holds an escape. Rejects control characters and bytes that are not UTF-8 (RFC 3629).
    @discardableResult
    mutating func scanString() throws(JSONReadError) -> (range: Range<Int>, escaped: Bool) {
        offset += 1
        let start = offset
        var escaped = false
        while offset < bytes.count {
            let byte = bytes[offset]
            if byte == UInt8(ascii: "\"") {
                offset += 1
                return (start..<offset - 1, escaped)
            } else if byte == UInt8(ascii: "\\") {
                escaped = true
                try scanEscape()
            } else if byte < 0x20 {
                throw malformed("a control character must be escaped in a string")
            } else if byte < 0x80 {
                offset += 1
            } else {
                try scanMultibyte()
            }
        }
        throw malformed("the body ends inside a string")
    }

    /// `\"`, `\\`, `\/`, `\b`, `\f`, `\n`, `\r`, `\t` or `\uXXXX`, where a high surrogate must be
    /// followed by a low one and a low one must not stand alone.
    private mutating func scanEscape() throws(JSONReadError) {
        guard offset + 1 < bytes.count else { throw malformed("the body ends inside a string") }
        switch bytes[offset + 1] {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
            UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            offset += 2
        case UInt8(ascii: "u"):
            _ = try unicodeEscape()
        default:
            offset += 1
            throw malformed("unknown escape \(describeNext()) in a string")
        }
    }

    /// The scalar of a `\uXXXX` escape (joined with its low surrogate), the reader past it.
    private mutating func unicodeEscape() throws(JSONReadError) -> Unicode.Scalar {
        let high = try hexQuad()
        switch high {
        case 0xD800...0xDBFF:
            guard offset + 1 < bytes.count, bytes[offset] == UInt8(ascii: "\\"), bytes[offset + 1] == UInt8(ascii: "u")
            else { throw malformed("a high surrogate \\u escape must be followed by a low one") }
            let low = try hexQuad()
            guard (0xDC00...0xDFFF).contains(low) else {
                throw malformed("a high surrogate \\u escape must be followed by a low one")
            }
            return Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))!
        case 0xDC00...0xDFFF:
            throw malformed("a low surrogate \\u escape without a high one")
        default:
            return Unicode.Scalar(high)!
        }
    }

    /// The value of `\uXXXX`; the reader is on the backslash and ends after the fourth digit.
    private mutating func hexQuad() throws(JSONReadError) -> UInt32 {
        offset += 2
        guard offset + 4 <= bytes.count else { throw malformed("the body ends inside a \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let digit = bytes[offset].hexDigitValue else {
                throw malformed("a \\u escape needs four hex digits")
            }
            value = value << 4 | UInt32(digit)
            offset += 1
        }
        return value
    }

    /// One UTF-8 sequence of two to four bytes, without overlong forms, surrogates or values past
    /// U+10FFFF; the reader is on its lead byte.
    private mutating func scanMultibyte() throws(JSONReadError) {
        let lead = bytes[offset]
        let count: Int
        var second: ClosedRange<UInt8> = 0x80...0xBF
        switch lead {
        case 0xC2...0xDF: count = 2
        case 0xE0:
            count = 3
            second = 0xA0...0xBF
        case 0xE1...0xEC, 0xEE...0xEF: count = 3
        case 0xED:
            count = 3
            second = 0x80...0x9F
        case 0xF0:
            count = 4
            second = 0x90...0xBF
        case 0xF1...0xF3: count = 4
        case 0xF4:
            count = 4
            second = 0x80...0x8F
        default: throw malformed("the body is not UTF-8")
        }
        guard offset + count <= bytes.count else { throw malformed("the body is not UTF-8") }
        guard second.contains(bytes[offset + 1]) else { throw malformed("the body is not UTF-8") }
        for index in offset + 2..<offset + count where !(0x80...0xBF).contains(bytes[index]) {
            throw malformed("the body is not UTF-8")
        }
        offset += count
    }

    /// The text of a string holding escapes, already checked by ``scanString()``.
    private func unescape(_ range: Range<Int>) throws(JSONReadError) -> String {
        var copy = self
        copy.offset = range.lowerBound
        var text = ""
        text.reserveCapacity(range.count)
        var runStart = copy.offset
        while copy.offset < range.upperBound {
            guard copy.bytes[copy.offset] == UInt8(ascii: "\\") else {
                copy.offset += 1
                continue
            }
            text += String(decoding: bytes[runStart..<copy.offset], as: UTF8.self)
            let scalar: Unicode.Scalar
            switch bytes[copy.offset + 1] {
            case UInt8(ascii: "u"): scalar = try copy.unicodeEscape()
            case let letter:
                copy.offset += 2
                scalar = Self.escapes[Int(letter)].map(Unicode.Scalar.init) ?? Unicode.Scalar(letter)
            }
            text.unicodeScalars.append(scalar)
            runStart = copy.offset
        }
        text += String(decoding: bytes[runStart..<range.upperBound], as: UTF8.self)
        return text
    }

    /// What the one-letter escapes stand for, by letter; the others (`"`, `\`, `/`) stand for themselves.
    private static let escapes: [UInt8?] = {
        var table = [UInt8?](repeating: nil, count: 128)
        table[Int(UInt8(ascii: "b"))] = 0x08
        table[Int(UInt8(ascii: "f"))] = 0x0C
        table[Int(UInt8(ascii: "n"))] = 0x0A
        table[Int(UInt8(ascii: "r"))] = 0x0D
        table[Int(UInt8(ascii: "t"))] = 0x09
        return table
    }()
}
