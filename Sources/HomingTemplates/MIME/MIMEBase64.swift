/// Base64 (RFC 2045 §6.8) written straight into a message's bytes.
///
/// ```swift
/// var out: [UInt8] = []
/// MIMEBase64.append(Array("最後機會".utf8), lineLength: 76, to: &out)   // "5pyA5b6M5qmf5pyD"
/// ```
///
/// Foundation's encoder returns a `String` that then has to be copied into the message; a body is
/// kilobytes, so this writes in place. With a line length (a multiple of 4), lines end in CRLF and the last
/// one has none, as with Foundation's `.lineLength76Characters`.
enum MIMEBase64 {
    private static let alphabet: [UInt8] = Array(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8
    )

    static func append(_ bytes: [UInt8], lineLength: Int? = nil, to out: inout [UInt8]) {
        bytes.withUnsafeBufferPointer { append($0, lineLength: lineLength, to: &out) }
    }

    /// Encodes in place at the end of `out`, not through an array of its own.
    static func append(_ bytes: UnsafeBufferPointer<UInt8>, lineLength: Int? = nil, to out: inout [UInt8]) {
        let count = encodedCount(bytes.count, lineLength: lineLength)
        let at = out.count
        out.append(contentsOf: repeatElement(0, count: count))
        out.withUnsafeMutableBufferPointer { buffer in
            _ = encode(bytes, lineLength: lineLength, to: buffer.baseAddress! + at, limit: count)
        }
    }

    /// Exactly what ``encode(_:lineLength:to:)`` writes for `count` bytes.
    static func encodedCount(_ count: Int, lineLength: Int?) -> Int {
        let characters = (count + 2) / 3 * 4
        guard let lineLength, characters > 0 else { return characters }
        return characters + (characters - 1) / lineLength * 2
    }

    /// Writes the encoding at `out`, which has room for `limit` bytes; returns its length. The length
    /// is known in advance, so one check up front keeps every write inside `limit`.
    static func encode(
        _ bytes: UnsafeBufferPointer<UInt8>,
        lineLength: Int?,
        to out: UnsafeMutablePointer<UInt8>,
        limit: Int
    )
        -> Int
    {
        precondition(lineLength.map { $0 > 0 && $0 % 4 == 0 } ?? true, "base64 lines hold whole groups of four")
        precondition(encodedCount(bytes.count, lineLength: lineLength) <= limit, "base64 output past its bound")
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return 0 }
        let groupsPerLine = lineLength.map { $0 / 4 } ?? Int.max
        let whole = bytes.count / 3
        return alphabet.withUnsafeBufferPointer { table in
            var written = 0
            var group = 0
            var inLine = 0
            @inline(__always) func put(_ value: UInt32) {
                out[written] = table[Int(value >> 18)]
                out[written + 1] = table[Int(value >> 12 & 0x3F)]
                out[written + 2] = table[Int(value >> 6 & 0x3F)]
                out[written + 3] = table[Int(value & 0x3F)]
                written += 4
            }
            while group < whole {
                if inLine == groupsPerLine {
                    out[written] = 0x0D
                    out[written + 1] = 0x0A
                    written += 2
                    inLine = 0
                }
                let index = group * 3
                put(UInt32(source[index]) << 16 | UInt32(source[index + 1]) << 8 | UInt32(source[index + 2]))
                group += 1
                inLine += 1
            }
            let rest = bytes.count - whole * 3
            guard rest > 0 else { return written }
            if inLine == groupsPerLine {
                out[written] = 0x0D
                out[written + 1] = 0x0A
                written += 2
            }
            let index = whole * 3
            put(UInt32(source[index]) << 16 | (rest == 2 ? UInt32(source[index + 1]) << 8 : 0))
            out[written - 1] = UInt8(ascii: "=")
            if rest == 1 { out[written - 2] = UInt8(ascii: "=") }
            return written
        }
    }
}
