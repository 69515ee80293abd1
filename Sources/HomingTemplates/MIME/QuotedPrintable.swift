/// Quoted-printable (RFC 2045 §6.7) for UTF-8 text bodies, with CRLF line ends and lines of at most 76.
///
/// ```swift
/// QuotedPrintable.encode("Zoë = ok")   // "Zo=C3=AB =3D ok"
/// ```
enum QuotedPrintable {
    @inline(__always) private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? nibble + 0x30 : nibble + 0x37
    }

    /// Encodes `text`; `\n` and `\r\n` both become hard CRLF breaks.
    static func encode(_ text: String) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count + text.utf8.count / 8)
        encode(Array(text.utf8), into: &output)
        return String(decoding: output, as: UTF8.self)
    }

    static func encode(_ bytes: [UInt8], into output: inout [UInt8]) {
        bytes.withUnsafeBufferPointer { encode($0, into: &output) }
    }

    static func encode(_ bytes: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) {
        // Worst case: every byte escaped (3) plus a soft break (3) every 25 escaped bytes.
        let capacity = bytes.count * 3 + (bytes.count / 25 + 1) * 3 + 2
        let encoded = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
            count = encode(bytes, into: buffer)
        }
        output.append(contentsOf: encoded)
    }

    /// Writes the encoding of `bytes` into `out` and returns how many bytes it wrote.
    private static func encode(_ bytes: UnsafeBufferPointer<UInt8>, into out: UnsafeMutableBufferPointer<UInt8>) -> Int
    {
        let count = bytes.count
        guard let out = out.baseAddress, let bytes = bytes.baseAddress, count > 0 else { return 0 }
        var written = 0
        var column = 0
        var index = 0
        @inline(__always) func put(_ byte: UInt8) {
            out[written] = byte
            written += 1
        }
        while index < count {
            let byte = bytes[index]
            index += 1
            // Fast path: printable ASCII other than "=" well inside the line.
            if byte &- 33 < 94, byte != 0x3D, column < 75 {
                put(byte)
                column += 1
                continue
            }
            if byte == 0x0D, index < count, bytes[index] == 0x0A { continue }
            if byte == 0x0A {
                put(0x0D)
                put(0x0A)
                column = 0
                continue
            }
            let atLineEnd = index == count || bytes[index] == 0x0A || bytes[index] == 0x0D
            let literal = (byte >= 33 && byte <= 126 && byte != 0x3D) || ((byte == 0x20 || byte == 0x09) && !atLineEnd)
            let width = literal ? 1 : 3
            // Leave room for the soft break "=" unless this is the last character of the line.
            if column + width > (atLineEnd ? 76 : 75) {
                put(0x3D)
                put(0x0D)
                put(0x0A)
                column = 0
            }
            if literal {
                put(byte)
            } else {
                put(0x3D)
                put(hexDigit(byte >> 4))
                put(hexDigit(byte & 0x0F))
            }
            column += width
        }
        return written
    }
}
