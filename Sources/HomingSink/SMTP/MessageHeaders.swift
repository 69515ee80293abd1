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
struct MessageHeaders {
    var fields: [(name: String, value: String)] = []

    init(parsing data: ByteBuffer) {
        let view = data.readableBytesView
        var end = view.endIndex
        // The header section ends at the first CRLF CRLF (the session normalised line ends).
        var index = view.startIndex
        while index + 3 < view.endIndex {
            if view[index] == 13, view[index + 1] == 10, view[index + 2] == 13, view[index + 3] == 10 {
                end = index
                break
            }
            index += 1
        }
        let section = String(decoding: view[view.startIndex..<end], as: UTF8.self)
        for line in section.split(separator: "\r\n", omittingEmptySubsequences: true) {
            if line.first == " " || line.first == "\t", !fields.isEmpty {
                fields[fields.count - 1].value += " " + line.drop(while: { $0 == " " || $0 == "\t" })
                continue
            }
            guard let colon = line.firstIndex(of: ":") else { continue }
            let value = line[line.index(after: colon)...].drop(while: { $0 == " " || $0 == "\t" })
            fields.append((String(line[..<colon]), String(value)))
        }
    }

    func value(_ name: String) -> String? {
        fields.first { $0.name.lowercased() == name }?.value
    }

    var subject: String? { value("subject").map(EncodedWordDecoder.decode) }

    /// `X-Homing-Key` (Homing encodes it as a word only if it had to), else nil.
    var idempotencyKey: String? { value("x-homing-key").map(EncodedWordDecoder.decode) }
}
