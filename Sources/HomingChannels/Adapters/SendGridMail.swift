import HomingCore

/// The JSON body of SendGrid's v3 `mail/send`, as much of it as Homing uses.
///
/// ```swift
/// let mail = SendGridMail(
///     recipient: "ana@example.com",
///     homingKey: "msg_9f2c",
///     from: (email: "hello@shop.example", name: "Shop"),
///     subject: .text("We miss you"),
///     text: .text("Come back"),
///     html: .utf8(Array("<p>Come back</p>".utf8))
/// )
/// let body: [UInt8] = mail.json
/// ```
///
/// The bytes are written directly rather than through `JSONEncoder`, which cost about a tenth of a
/// send's CPU. The output is what `JSONEncoder` with `.sortedKeys, .withoutEscapingSlashes` wrote:
/// keys in sorted order, `"` `\` and control characters escaped, everything else as UTF-8.
struct SendGridMail {
    /// A part's text as the payload held it: rendered templates arrive as bytes.
    enum Content {
        case text(String)
        case utf8([UInt8])

        var count: Int {
            switch self {
            case .text(let text): text.utf8.count
            case .utf8(let bytes): bytes.count
            }
        }
    }

    var recipient: String
    var homingKey: String
    var from: (email: String, name: String?)
    var subject: Content
    var text: Content
    var html: Content

    var json: [UInt8] {
        var out = JSONBytes(capacity: 256 + subject.count + text.count + html.count)
        out.raw(#"{"content":[{"type":"text/plain","value":"#)
        // SendGrid requires text/plain before text/html.
        out.content(text)
        out.raw(#"},{"type":"text/html","value":"#)
        out.content(html)
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
        out.content(subject)
        out.raw("}")
        return out.bytes
    }
}

extension JSONBytes {
    fileprivate mutating func content(_ content: SendGridMail.Content) {
        switch content {
        case .text(let text): string(text)
        case .utf8(let bytes): string(utf8: bytes)
        }
    }
}
