/// Quoted-printable (RFC 2045 §6.7) for UTF-8 text bodies, with CRLF line ends and lines of at most 76.
///
/// ```swift
/// QuotedPrintable.encode("Zoë = ok")   // "Zo=C3=AB =3D ok"
/// ```
enum QuotedPrintable {
    private static let hex = Array("0123456789ABCDEF".utf8)

    /// Encodes `text`; `\n` and `\r\n` both become hard CRLF breaks.
    static func encode(_ text: String) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count + text.utf8.count / 8)
        encode(Array(text.utf8), into: &output)
        return String(decoding: output, as: UTF8.self)
    }

    static func encode(_ bytes: [UInt8], into output: inout [UInt8]) {
        var column = 0
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte == 0x0D, index + 1 < count, bytes[index + 1] == 0x0A {
                index += 1
                continue
            }
            if byte == 0x0A {
                output.append(0x0D)
                output.append(0x0A)
                column = 0
                index += 1
                continue
            }
            let atLineEnd = index + 1 == count || bytes[index + 1] == 0x0A || bytes[index + 1] == 0x0D
            let literal = (byte >= 33 && byte <= 126 && byte != 0x3D) || ((byte == 0x20 || byte == 0x09) && !atLineEnd)
            let width = literal ? 1 : 3
            // Leave room for the soft break "=" unless this is the last character of the line.
            let limit = atLineEnd ? 76 : 75
            if column + width > limit {
                output.append(0x3D)
                output.append(0x0D)
                output.append(0x0A)
                column = 0
            }
            if literal {
                output.append(byte)
            } else {
                output.append(0x3D)
                output.append(hex[Int(byte >> 4)])
                output.append(hex[Int(byte & 0x0F)])
            }
            column += width
            index += 1
        }
    }
}
