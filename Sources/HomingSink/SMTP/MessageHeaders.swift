import NIOCore

/// The header section of a received message, unfolded, with the values the sink records.
///
/// ```swift
/// let headers = MessageHeaders(parsing: data)
/// headers.subject          // decoded from RFC 2047
/// headers.idempotencyKey   // X-Homing-Key, as Homing's MIME builder writes it
/// ```
///
/// Only the header section is read (up to the first empty line), so a large body costs nothing.
/// Parsed on bytes rather than Strings because it runs once per message at full SMTP speed.
/// Names are lower-cased.
struct MessageHeaders {
    var fields: [(name: String, value: String)] = []

    init(parsing data: ByteBuffer) {
        data.withUnsafeReadableBytes { bytes in
            var start = 0
            while start < bytes.count {
                // The session stored every line with CRLF, so lines end at CR LF.
                var end = start
                while end < bytes.count, bytes[end] != 13 { end += 1 }
                if end == start { break }  // the empty line: end of the header section
                let line = UnsafeRawBufferPointer(rebasing: bytes[start..<end])
                start = end + 2
                if line[0] == 32 || line[0] == 9 {
                    guard !fields.isEmpty else { continue }
                    fields[fields.count - 1].value += " " + Self.trimmed(line, from: 0)
                    continue
                }
                guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { continue }
                let name = String(decoding: line[..<colon].map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }, as: UTF8.self)
                fields.append((name, Self.trimmed(line, from: colon + 1)))
            }
        }
    }

    private static func trimmed(_ line: UnsafeRawBufferPointer, from index: Int) -> String {
        var index = index
        while index < line.count, line[index] == 32 || line[index] == 9 { index += 1 }
        return String(decoding: UnsafeRawBufferPointer(rebasing: line[index...]), as: UTF8.self)
    }

    func value(_ name: String) -> String? {
        fields.first { $0.name == name }?.value
    }

    var subject: String? { value("subject").map(EncodedWordDecoder.decode) }

    /// `X-Homing-Key` (Homing encodes it as a word only if it had to), else nil.
    var idempotencyKey: String? { value("x-homing-key").map(EncodedWordDecoder.decode) }
}
