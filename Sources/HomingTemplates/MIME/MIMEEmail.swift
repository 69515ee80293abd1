import Foundation

/// A complete RFC 5322 message: headers plus a `multipart/alternative` body with text and HTML.
///
/// ```swift
/// let rendered = try renderer.render("win-back-offer", channel: .email, context: context)
/// let eml = try MIMEEmail(rendered, envelope: envelope).text   // CRLF line ends, ready for SMTP DATA
/// ```
///
/// Bodies are UTF-8, quoted-printable when mostly ASCII and base64 otherwise (Chinese would triple in
/// QP); every line is at most 76 characters. The boundary starts with `=_`, which neither encoding can
/// produce, so it never collides with body text.
public struct MIMEEmail: Sendable {
    /// The message as it goes on the wire: UTF-8 headers are already encoded, so this is ASCII with CRLFs.
    public let bytes: [UInt8]
    public let messageID: String

    /// The message with CRLF line ends.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    public init(_ rendered: RenderedMessage, envelope: EmailEnvelope) throws(TemplateError) {
        guard rendered.channel == .email, let subject = rendered[.emailSubject], let html = rendered.utf8(.emailHTML),
            let plain = rendered.utf8(.emailText)
        else { throw .noChannel(message: rendered.message, channel: .email) }
        messageID = envelope.messageID
        let boundary = "=_homing_" + Self.hash(messageID, subject)
        var head: [UInt8] = []
        head.reserveCapacity(1024)
        Self.headers(envelope, subject: subject, messageID: messageID, boundary: boundary, into: &head)
        let layouts = (plain: rendered.layout(.emailText), html: rendered.layout(.emailHTML))
        bytes = plain.withUnsafeBufferPointer { plain in
            html.withUnsafeBufferPointer { html in
                Self.assemble(
                    head: head,
                    boundary: boundary,
                    plain: BodyPart(plain, type: "text/plain", layout: layouts.plain),
                    html: BodyPart(html, type: "text/html", layout: layouts.html)
                )
            }
        }
    }

    /// Headers, then both bodies encoded in place: one allocation sized from a scan of the bodies.
    private static func assemble(
        head: [UInt8],
        boundary: String,
        plain: BodyPart,
        html: BodyPart
    ) -> [UInt8] {
        let parts = [plain, html]
        let boundaryLines = 3 * (boundary.utf8.count + 8)
        let capacity = parts.reduce(head.count + boundaryLines) { $0 + $1.maximumCount }
        return [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
            var out = ByteWriter(buffer.baseAddress!, capacity: buffer.count)
            out.append(head)
            for part in parts {
                boundaryLine(boundary, closing: false, into: &out)
                part.write(into: &out)
            }
            boundaryLine(boundary, closing: true, into: &out)
            count = out.count
        }
    }

    /// Written piece by piece into the message's bytes: no header line is built as a `String` first.
    private static func headers(
        _ envelope: EmailEnvelope,
        subject: String,
        messageID: String,
        boundary: String,
        into out: inout [UInt8]
    ) {
        out.append(contentsOf: "From: ".utf8)
        envelope.from.appendHeaderValue(to: &out)
        out.append(contentsOf: "\r\nTo: ".utf8)
        envelope.to.appendHeaderValue(to: &out)
        if let replyTo = envelope.replyTo {
            out.append(contentsOf: "\r\nReply-To: ".utf8)
            replyTo.appendHeaderValue(to: &out)
        }
        out.append(contentsOf: "\r\nSubject: ".utf8)
        EncodedWord.append(subject, to: &out)
        out.append(contentsOf: "\r\nDate: ".utf8)
        RFC5322Date.append(envelope.date, to: &out)
        out.append(contentsOf: "\r\nMessage-ID: ".utf8)
        out.append(contentsOf: messageID.utf8)
        out.append(contentsOf: "\r\nList-Unsubscribe: ".utf8)
        listUnsubscribe(envelope, into: &out)
        out.append(contentsOf: "\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n".utf8)
        if let key = envelope.idempotencyKey, !key.isEmpty {
            out.append(contentsOf: "X-Homing-Key: ".utf8)
            EncodedWord.append(key, to: &out)
            out.append(contentsOf: "\r\n".utf8)
        }
        out.append(contentsOf: "MIME-Version: 1.0\r\nContent-Type: multipart/alternative;\r\n boundary=\"".utf8)
        out.append(contentsOf: boundary.utf8)
        out.append(contentsOf: "\"\r\n".utf8)
    }

    /// `<mailto:…>, <https://…>` on one line, or folded after the comma when the line would pass 78.
    private static func listUnsubscribe(_ envelope: EmailEnvelope, into out: inout [UInt8]) {
        var length = "List-Unsubscribe: ".utf8.count + characterCount(envelope.unsubscribeURL) + 2
        if let mailto = envelope.unsubscribeMailto {
            length += "<mailto:>, ".utf8.count + characterCount(mailto)
            out.append(contentsOf: "<mailto:".utf8)
            out.append(contentsOf: mailto.utf8)
            out.append(contentsOf: (length > 78 ? ">,\r\n " : ">, ").utf8)
        }
        out.append(UInt8(ascii: "<"))
        out.append(contentsOf: envelope.unsubscribeURL.utf8)
        out.append(UInt8(ascii: ">"))
    }

    /// Characters, counted on bytes when the text is ASCII as header values should be.
    private static func characterCount(_ text: String) -> Int {
        text.utf8.allSatisfy { $0 < 0x80 } ? text.utf8.count : text.count
    }

    private static func boundaryLine(_ boundary: String, closing: Bool, into out: inout ByteWriter) {
        out.append("\r\n--")
        out.append(boundary)
        out.append(closing ? "--\r\n" : "\r\n")
    }

    /// FNV-1a, 64 bits, in hex: a stable boundary per message keeps golden files and retries identical.
    static func hash(_ texts: String...) -> String {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        for text in texts {
            for byte in text.utf8 {
                value ^= UInt64(byte)
                value = value &* 0x100_0000_01b3
            }
        }
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
