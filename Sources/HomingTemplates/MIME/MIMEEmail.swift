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
        guard rendered.channel == .email, let subject = rendered[.emailSubject], let html = rendered[.emailHTML],
            let plain = rendered[.emailText]
        else { throw .noChannel(message: rendered.message, channel: .email) }
        messageID = envelope.messageID
        let boundary = "=_homing_" + Self.hash(messageID + subject)
        var out: [UInt8] = []
        out.reserveCapacity(html.utf8.count + plain.utf8.count + 2048)
        Self.headers(envelope, subject: subject, messageID: messageID, boundary: boundary, into: &out)
        Self.append("\r\n--\(boundary)\r\n", to: &out)
        Self.bodyPart(plain, type: "text/plain", into: &out)
        Self.append("\r\n--\(boundary)\r\n", to: &out)
        Self.bodyPart(html, type: "text/html", into: &out)
        Self.append("\r\n--\(boundary)--\r\n", to: &out)
        bytes = out
    }

    private static func headers(
        _ envelope: EmailEnvelope,
        subject: String,
        messageID: String,
        boundary: String,
        into out: inout [UInt8]
    ) {
        append("From: \(envelope.from.headerValue)\r\n", to: &out)
        append("To: \(envelope.to.headerValue)\r\n", to: &out)
        if let replyTo = envelope.replyTo { append("Reply-To: \(replyTo.headerValue)\r\n", to: &out) }
        append("Subject: \(EncodedWord.encode(subject))\r\n", to: &out)
        append("Date: \(RFC5322Date.format(envelope.date))\r\n", to: &out)
        append("Message-ID: \(messageID)\r\n", to: &out)
        var unsubscribe: [String] = []
        if let mailto = envelope.unsubscribeMailto { unsubscribe.append("<mailto:\(mailto)>") }
        unsubscribe.append("<\(envelope.unsubscribeURL)>")
        let joined = unsubscribe.joined(separator: ", ")
        let folded = "List-Unsubscribe: ".count + joined.count > 78 ? unsubscribe.joined(separator: ",\r\n ") : joined
        append("List-Unsubscribe: \(folded)\r\n", to: &out)
        append("List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n", to: &out)
        if let key = envelope.idempotencyKey, !key.isEmpty {
            append("X-Homing-Key: \(EncodedWord.encode(key))\r\n", to: &out)
        }
        append("MIME-Version: 1.0\r\n", to: &out)
        append("Content-Type: multipart/alternative;\r\n boundary=\"\(boundary)\"\r\n", to: &out)
    }

    private static func bodyPart(_ body: String, type: String, into out: inout [UInt8]) {
        var body = body
        body.withUTF8 { bodyPart($0, type: type, into: &out) }
    }

    private static func bodyPart(_ bytes: UnsafeBufferPointer<UInt8>, type: String, into out: inout [UInt8]) {
        let nonASCII = bytes.count(where: { $0 >= 0x80 })
        append("Content-Type: \(type); charset=UTF-8\r\n", to: &out)
        if nonASCII * 3 > bytes.count {
            append("Content-Transfer-Encoding: base64\r\n\r\n", to: &out)
            let base64 = Data(buffer: bytes).base64EncodedString(options: [
                .lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed,
            ])
            append(base64, to: &out)
        } else {
            append("Content-Transfer-Encoding: quoted-printable\r\n\r\n", to: &out)
            QuotedPrintable.encode(bytes, into: &out)
        }
    }

    private static func append(_ text: String, to out: inout [UInt8]) {
        out.append(contentsOf: text.utf8)
    }

    /// FNV-1a, 64 bits, in hex: a stable boundary per message keeps golden files and retries identical.
    static func hash(_ text: String) -> String {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            value ^= UInt64(byte)
            value = value &* 0x100_0000_01b3
        }
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
