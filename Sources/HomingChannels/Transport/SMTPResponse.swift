/// What an SMTP server said to an ``SMTPRequest``: the last reply code and every reply line of the
/// session, whether the server accepted the message or refused it.
///
/// ```swift
/// let response = try await transport.send(smtp: request)
/// response.code          // 250, or e.g. 550 when a recipient was refused
/// response.finalReply    // ["550 5.1.1 <ada@example.com>: Recipient address rejected"]
/// ```
///
/// A refusal (a 4xx or 5xx reply to `MAIL`, `RCPT`, `DATA`, the data or `AUTH`) is a response, not
/// an error, even though libcurl fails the transfer: the reply is what the adapter classifies.
/// ``Transport/send(smtp:)`` throws only when no refusal arrived — the connection failed, timed
/// out or could not be secured.
public struct SMTPResponse: Sendable, Equatable {
    /// The last reply code the server sent (`CURLINFO_RESPONSE_CODE`).
    public var code: Int
    /// The server's reply lines in order, without CRLF. On a reused session the greeting and
    /// `EHLO` replies belong to an earlier message, so they are missing here; after a refusal
    /// libcurl closes the session, so the lines may end with the `221` answer to its `QUIT`.
    public var lines: [String]

    public init(code: Int, lines: [String]) {
        self.code = code
        self.lines = lines
    }

    /// Whether the server accepted the message.
    public var isAccepted: Bool { (200...299).contains(code) }

    /// The lines of the last reply with ``code``, the one that decided the outcome: a multi-line
    /// reply (`550-…`, `550 …`) is kept whole.
    public var finalReply: [String] {
        let code = String(self.code)
        guard
            let last = lines.indices.last(where: { Self.isReply(lines[$0], final: true) && lines[$0].hasPrefix(code) })
        else { return [] }
        var first = last
        while first > lines.startIndex, lines[first - 1].hasPrefix(code),
            Self.isReply(lines[first - 1], final: false)
        {
            first -= 1
        }
        return Array(lines[first...last])
    }

    /// `NNN ` ends a reply; `NNN-` continues one (RFC 5321 §4.2.1).
    private static func isReply(_ line: String, final: Bool) -> Bool {
        let bytes = Array(line.utf8.prefix(4))
        guard bytes.count >= 3, bytes[0..<3].allSatisfy({ (0x30...0x39).contains($0) }) else { return false }
        let separator = bytes.count == 4 ? bytes[3] : UInt8(ascii: " ")
        return final ? separator == UInt8(ascii: " ") : separator == UInt8(ascii: "-")
    }
}
