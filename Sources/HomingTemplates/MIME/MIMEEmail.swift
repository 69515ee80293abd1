import Foundation
import Synchronization

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
        let boundaryLines = 3 * (boundary.utf8.count + 8)
        let capacity = head.count + boundaryLines + plain.maximumCount + html.maximumCount
        return [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
            var out = ByteWriter(buffer.baseAddress!, capacity: buffer.count)
            out.append(head)
            boundaryLine(boundary, closing: false, into: &out)
            plain.write(into: &out)
            boundaryLine(boundary, closing: false, into: &out)
            html.write(into: &out)
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
        out.appendUTF8("From: ")
        appendFrom(envelope.from, into: &out)
        out.appendUTF8("\r\nTo: ")
        envelope.to.appendHeaderValue(to: &out)
        if let replyTo = envelope.replyTo {
            out.appendUTF8("\r\nReply-To: ")
            replyTo.appendHeaderValue(to: &out)
        }
        out.appendUTF8("\r\nSubject: ")
        EncodedWord.append(subject, to: &out)
        out.appendUTF8("\r\nDate: ")
        RFC5322Date.append(envelope.date, to: &out)
        out.appendUTF8("\r\nMessage-ID: ")
        out.appendUTF8(messageID)
        out.appendUTF8("\r\nList-Unsubscribe: ")
        listUnsubscribe(envelope, into: &out)
        out.appendUTF8("\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n")
        if let key = envelope.idempotencyKey, !key.isEmpty {
            out.appendUTF8("X-Homing-Key: ")
            EncodedWord.append(key, to: &out)
            out.appendUTF8("\r\n")
        }
        out.appendUTF8("MIME-Version: 1.0\r\nContent-Type: multipart/alternative;\r\n boundary=\"")
        out.appendUTF8(boundary)
        out.appendUTF8("\"\r\n")
    }

    /// Recent senders' header values: a send has few senders (one per shop), whose display names would
    /// otherwise be checked and base64-encoded again for every message. Kept to the last 16.
    private static let senders = Mutex<[(address: EmailAddress, value: [UInt8])]>([])

    private static func appendFrom(_ from: EmailAddress, into out: inout [UInt8]) {
        if let value = senders.withLock({ $0.first { $0.address == from }?.value }) {
            out.append(contentsOf: value)
            return
        }
        let start = out.count
        from.appendHeaderValue(to: &out)
        let value = Array(out[start...])
        senders.withLock { senders in
            if senders.count >= 16 { senders.removeFirst() }
            senders.append((from, value))
        }
    }

    /// `<mailto:…>, <https://…>` on one line, or folded after the comma when the line would pass 78.
    private static func listUnsubscribe(_ envelope: EmailEnvelope, into out: inout [UInt8]) {
        var length = "List-Unsubscribe: ".utf8.count + characterCount(envelope.unsubscribeURL) + 2
        if let mailto = envelope.unsubscribeMailto {
            length += "<mailto:>, ".utf8.count + characterCount(mailto)
            out.appendUTF8("<mailto:")
            out.appendUTF8(mailto)
            out.appendUTF8(length > 78 ? ">,\r\n " : ">, ")
        }
        out.append(UInt8(ascii: "<"))
        out.appendUTF8(envelope.unsubscribeURL)
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

    /// FNV-1a, 64 bits, of two texts in hex: a stable boundary per message keeps golden files and
    /// retries identical.
    static func hash(_ first: String, _ second: String) -> String {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        fnv(first, into: &value)
        fnv(second, into: &value)
        return hex(value)
    }

    private static func fnv(_ text: String, into value: inout UInt64) {
        var text = text
        text.withUTF8 { bytes in
            for byte in bytes {
                value ^= UInt64(byte)
                value = value &* 0x100_0000_01b3
            }
        }
    }

    /// Sixteen lower-case hex digits.
    private static func hex(_ value: UInt64) -> String {
        String(unsafeUninitializedCapacity: 16) { buffer in
            for index in 0..<16 {
                let nibble = UInt8(truncatingIfNeeded: value >> (60 - 4 * index)) & 0x0F
                buffer[index] = nibble < 10 ? 0x30 + nibble : 0x57 + nibble
            }
            return 16
        }
    }
}
