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
        guard rendered.channel == .email, let subject = rendered.utf8(.emailSubject),
            let html = rendered.utf8(.emailHTML), let plain = rendered.utf8(.emailText)
        else { throw .noChannel(message: rendered.message, channel: .email) }
        let messageID = envelope.messageID
        self.messageID = messageID
        let layouts = (plain: rendered.layout(.emailText), html: rendered.layout(.emailHTML))
        bytes = subject.withUnsafeBufferPointer { subject in
            plain.withUnsafeBufferPointer { plain in
                html.withUnsafeBufferPointer { html in
                    Self.assemble(
                        Head(envelope: envelope, subject: subject, messageID: messageID),
                        plain: BodyPart(plain, type: "text/plain", layout: layouts.plain),
                        html: BodyPart(html, type: "text/html", layout: layouts.html)
                    )
                }
            }
        }
    }

    /// What the message's header block is written from, with a bound on its length.
    private struct Head {
        let envelope: EmailEnvelope
        let subject: UnsafeBufferPointer<UInt8>
        let messageID: String
        /// `=_homing_` and sixteen hex digits.
        let boundary: [UInt8]

        init(envelope: EmailEnvelope, subject: UnsafeBufferPointer<UInt8>, messageID: String) {
            self.envelope = envelope
            self.subject = subject
            self.messageID = messageID
            boundary = MIMEEmail.boundary(messageID, subject)
        }

        /// At least what ``MIMEEmail/headers(_:into:)`` writes: every header name and fixed text fit in
        /// 400 bytes, each text in ``EncodedWord/maximumCount(_:)``, the date in 40.
        var maximumCount: Int {
            func text(_ value: String?) -> Int { EncodedWord.maximumCount(value?.utf8.count ?? 0) }
            func address(_ value: EmailAddress?) -> Int {
                guard let value else { return 0 }
                return text(value.name) + value.address.utf8.count
            }
            return 400 + address(envelope.from) + address(envelope.to) + address(envelope.replyTo)
                + EncodedWord.maximumCount(subject.count) + 40 + messageID.utf8.count
                + (envelope.unsubscribeMailto?.utf8.count ?? 0) + envelope.unsubscribeURL.utf8.count
                + text(envelope.idempotencyKey) + boundary.count
        }
    }

    /// Headers, then both bodies encoded in place, into one allocation sized by their bounds.
    private static func assemble(_ head: Head, plain: BodyPart, html: BodyPart) -> [UInt8] {
        let boundaryLines = 3 * (head.boundary.count + 8)
        let capacity = head.maximumCount + boundaryLines + plain.maximumCount + html.maximumCount
        return head.boundary.withUnsafeBufferPointer { boundary in
            [UInt8](writingUpTo: capacity) { buffer in
                var out = ByteWriter(buffer.baseAddress!, capacity: buffer.count)
                headers(head, into: &out)
                boundaryLine(boundary, closing: false, into: &out)
                plain.write(into: &out)
                boundaryLine(boundary, closing: false, into: &out)
                html.write(into: &out)
                boundaryLine(boundary, closing: true, into: &out)
                return out.count
            }
        }
    }

    /// Written piece by piece into the message's bytes: no header line is built as a `String` first.
    private static func headers(_ head: Head, into out: inout some ByteSink) {
        let envelope = head.envelope
        out.appendUTF8("From: ")
        appendFrom(envelope.from, into: &out)
        out.appendUTF8("\r\nTo: ")
        envelope.to.appendHeaderValue(to: &out)
        if let replyTo = envelope.replyTo {
            out.appendUTF8("\r\nReply-To: ")
            replyTo.appendHeaderValue(to: &out)
        }
        out.appendUTF8("\r\nSubject: ")
        EncodedWord.append(head.subject, to: &out)
        out.appendUTF8("\r\nDate: ")
        RFC5322Date.append(envelope.date, to: &out)
        out.appendUTF8("\r\nMessage-ID: ")
        out.appendUTF8(head.messageID)
        out.appendUTF8("\r\nList-Unsubscribe: ")
        listUnsubscribe(envelope, into: &out)
        out.appendUTF8("\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n")
        if let key = envelope.idempotencyKey, !key.isEmpty {
            out.appendUTF8("X-Homing-Key: ")
            EncodedWord.append(key, to: &out)
            out.appendUTF8("\r\n")
        }
        out.appendUTF8("MIME-Version: 1.0\r\nContent-Type: multipart/alternative;\r\n boundary=\"")
        head.boundary.withUnsafeBufferPointer { out.appendBytes($0) }
        out.appendUTF8("\"\r\n")
    }

    /// Recent senders' header values: a send has few senders (one per shop), whose display names would
    /// otherwise be checked and base64-encoded again for every message. Kept to the last 16.
    private static let senders = Mutex<[(address: EmailAddress, value: [UInt8])]>([])

    private static func appendFrom(_ from: EmailAddress, into out: inout some ByteSink) {
        let value =
            senders.withLock { $0.first { $0.address == from }?.value }
            ?? {
                var value: [UInt8] = []
                from.appendHeaderValue(to: &value)
                senders.withLock { senders in
                    if senders.count >= 16 { senders.removeFirst() }
                    senders.append((from, value))
                }
                return value
            }()
        value.withUnsafeBufferPointer { out.appendBytes($0) }
    }

    /// `<mailto:…>, <https://…>` on one line, or folded after the comma when the line would pass 78.
    private static func listUnsubscribe(_ envelope: EmailEnvelope, into out: inout some ByteSink) {
        if let mailto = envelope.unsubscribeMailto {
            let length =
                "List-Unsubscribe: <mailto:>, <>".utf8.count + characterCount(envelope.unsubscribeURL)
                + characterCount(mailto)
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

    private static func boundaryLine(
        _ boundary: UnsafeBufferPointer<UInt8>,
        closing: Bool,
        into out: inout ByteWriter
    ) {
        out.append("\r\n--")
        out.append(boundary)
        out.append(closing ? "--\r\n" : "\r\n")
    }

    /// `=_homing_` and the FNV-1a hash (64 bits, in hex) of the Message-ID and the subject: a stable
    /// boundary per message keeps golden files and retries identical.
    private static func boundary(_ messageID: String, _ subject: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        var messageID = messageID
        messageID.withUTF8 { fnv($0, into: &value) }
        fnv(subject, into: &value)
        var boundary: [UInt8] = []
        boundary.reserveCapacity(25)
        boundary.appendUTF8("=_homing_")
        // Sixteen lower-case hex digits.
        for index in 0..<16 {
            let nibble = UInt8(truncatingIfNeeded: value >> (60 - 4 * index)) & 0x0F
            boundary.append(nibble < 10 ? 0x30 + nibble : 0x57 + nibble)
        }
        return boundary
    }

    private static func fnv(_ bytes: UnsafeBufferPointer<UInt8>, into value: inout UInt64) {
        for byte in bytes {
            value ^= UInt64(byte)
            value = value &* 0x100_0000_01b3
        }
    }
}
