/// The JSON body of SendGrid's v3 `mail/send`, as much of it as Homing uses.
///
/// ```swift
/// let mail = SendGridMail(
///     recipient: "ana@example.com",
///     homingKey: "msg_9f2c",
///     from: (email: "hello@shop.example", name: "Shop"),
///     subject: "We miss you",
///     text: "Come back",
///     html: "<p>Come back</p>"
/// )
/// let body: [UInt8] = mail.json
/// ```
///
/// The bytes are written directly rather than through `JSONEncoder`, which cost about a tenth of a
/// send's CPU. The output is what `JSONEncoder` with `.sortedKeys, .withoutEscapingSlashes` wrote:
/// keys in sorted order, `"` `\` and control characters escaped, everything else as UTF-8.
struct SendGridMail {
    var recipient: String
    var homingKey: String
    var from: (email: String, name: String?)
    var subject: String
    var text: String
    var html: String

    var json: [UInt8] {
        var out = JSONBytes(capacity: 256 + subject.utf8.count + text.utf8.count + html.utf8.count)
        out.raw(#"{"content":[{"type":"text/plain","value":"#)
        // SendGrid requires text/plain before text/html.
        out.string(text)
        out.raw(#"},{"type":"text/html","value":"#)
        out.string(html)
        out.raw(#"}],"from":{"email":"#)
        out.string(from.email)
        if let name = from.name {
            out.raw(#","name":"#)
            out.string(name)
        }
        out.raw(#"},"personalizations":[{"custom_args":{"homing_key":"#)
        out.string(homingKey)
        out.raw(#"},"to":[{"email":"#)
        out.string(recipient)
        out.raw(#"}]}],"subject":"#)
        out.string(subject)
        out.raw("}")
        return out.bytes
    }
}

/// A JSON text written byte by byte, with `JSONEncoder`'s string escaping.
struct JSONBytes {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int) { bytes.reserveCapacity(capacity) }

    mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// `value` quoted, escaping `"`, `\` and U+0000…U+001F; slashes and non-ASCII stay as they are.
    /// Runs between escapes are copied whole: appending byte by byte cost a uniqueness check each.
    mutating func string(_ value: String) {
        var value = value
        bytes.append(UInt8(ascii: "\""))
        value.withUTF8 { utf8 in
            var start = 0
            for index in utf8.indices {
                let byte = utf8[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
                escape(byte)
                start = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func escape(_ byte: UInt8) {
        switch byte {
        case UInt8(ascii: "\""): append("\\\"")
        case UInt8(ascii: "\\"): append("\\\\")
        case 0x08: append("\\b")
        case 0x0C: append("\\f")
        case 0x0A: append("\\n")
        case 0x0D: append("\\r")
        case 0x09: append("\\t")
        default:
            append("\\u00")
            bytes.append(Self.hex[Int(byte >> 4)])
            bytes.append(Self.hex[Int(byte & 0xF)])
        }
    }

    private mutating func append(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)
}
