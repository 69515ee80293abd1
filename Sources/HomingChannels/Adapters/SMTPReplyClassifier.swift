import HomingCore

/// The outcome rules for an SMTP server's last reply.
///
/// ```swift
/// SMTPReplyClassifier.outcome(for: SMTPResponse(code: 250, lines: ["250 2.0.0 Ok: queued as 4Xb9Q71k"]))
/// // .delivered(providerMessageID: "4Xb9Q71k")
/// SMTPReplyClassifier.outcome(for: SMTPResponse(code: 550, lines: ["550 5.1.1 <a@example.com>: Recipient address rejected"]))
/// // .invalidRecipient(reason: "SMTP 550 5.1.1 <a***@example.com>: Recipient address rejected")
/// ```
///
/// - 2xx: delivered, with the queue id when the reply names one (``messageID(in:)``).
/// - The mailbox does not exist: enhanced status 5.1.0, 5.1.1, 5.1.10 (no such user), 5.1.2 (no
///   such domain), 5.1.3 (malformed address) or 5.1.6 (moved), or — from servers without enhanced
///   status codes — a 550/551/553 whose text says the user is unknown: invalid recipient, so the
///   address is suppressed. 5.1.7 and 5.1.8 are about *our* sender and are permanent failures.
/// - Any other 4xx: retryable (greylisting, full mailbox, rate limits).
/// - Any other 5xx or unexpected code: permanent failure (policy, spam, authentication).
///
/// Reasons quote the reply with email addresses masked, since they end up in logs and the store.
public enum SMTPReplyClassifier {
    /// Enhanced status subjects/details (RFC 3463 X.1.Y) that mean the recipient address is dead.
    static let invalidRecipientDetails: Set<Int> = [0, 1, 2, 3, 6, 10]
    /// What servers without enhanced status codes say about an unknown mailbox (lowercased).
    static let unknownUserPhrases = [
        // Not "mailbox unavailable": RFC 5321's stock 550 text, which servers also use for policy refusals.
        "user unknown", "unknown user", "no such user", "no such mailbox", "mailbox not found",
        "does not exist", "recipient not found", "invalid recipient", "unknown recipient", "recipient unknown",
    ]

    public static func outcome(for response: SMTPResponse) -> DeliveryOutcome {
        let reply = response.finalReply
        let code = response.code
        switch code {
        case 200...299:
            return .delivered(providerMessageID: messageID(in: reply))
        case 400...499:
            return .retryable(reason: reason(code, reply), notBefore: nil)
        case 500...599 where isInvalidRecipient(code: code, reply: reply):
            return .invalidRecipient(reason: reason(code, reply))
        default:
            return .permanentFailure(reason: reason(code, reply))
        }
    }

    static func isInvalidRecipient(code: Int, reply: [String]) -> Bool {
        if let status = enhancedStatus(in: reply) {
            return status.class == 5 && status.subject == 1 && invalidRecipientDetails.contains(status.detail)
        }
        guard [550, 551, 553].contains(code) else { return false }
        let text = reply.joined(separator: " ").lowercased()
        return unknownUserPhrases.contains { text.contains($0) }
    }

    /// The enhanced status code (`5.1.1`) after the reply code of the first line, if any.
    static func enhancedStatus(in reply: [String]) -> (class: Int, subject: Int, detail: Int)? {
        guard let first = reply.first, first.count > 4 else { return nil }
        let token = first.dropFirst(4).prefix { !$0.isWhitespace }
        let parts = token.split(separator: ".", omittingEmptySubsequences: false).map { Int($0) }
        guard parts.count == 3, let klass = parts[0], let subject = parts[1], let detail = parts[2],
            [2, 4, 5].contains(klass)
        else { return nil }
        return (klass, subject, detail)
    }

    /// The id a server gave the accepted message, from the common reply styles:
    /// Postfix and SendGrid `Ok: queued as 4Xb9Q71k`, Exim `OK id=1rABCD-0001Xy-2Z`,
    /// Exchange `<MSGID@host> [InternalId=…] Queued mail for delivery`, Amazon SES `Ok 0100018b…`,
    /// Gmail `OK  1700000000 d9-20020a05… - gsmtp` (its last token before `- gsmtp`).
    ///
    /// Reads bytes, not `Character`s: it runs for every accepted message, and replies are ASCII.
    public static func messageID(in reply: [String]) -> String? {
        guard let last = reply.last else { return nil }
        let bytes = Array(last.utf8)
        guard bytes.count > 4 else { return nil }
        var words = bytes[4...].split(whereSeparator: isBlank)
        if let first = words.first, isEnhancedStatus(first) { words.removeFirst() }
        func text(_ word: ArraySlice<UInt8>) -> String { String(decoding: word, as: UTF8.self) }
        if let queued = words.firstIndex(where: { equalsIgnoringCase($0, "as") }), queued + 1 < words.count,
            queued > 0, equalsIgnoringCase(words[queued - 1], "queued")
        {
            return text(words[queued + 1])
        }
        if let id = words.first(where: { equalsIgnoringCase($0.prefix(3), "id=") }), id.count > 3 {
            return text(id.dropFirst(3))
        }
        if let bracketed = words.first(where: {
            $0.count > 2 && $0.first == UInt8(ascii: "<") && $0.last == UInt8(ascii: ">")
        }) {
            return text(bracketed.dropFirst().dropLast())
        }
        guard let ok = words.first, equalsIgnoringCase(ok, "ok") || equalsIgnoringCase(ok, "ok:") else { return nil }
        var rest = words.dropFirst()
        if let tail = rest.last, tail.elementsEqual("gsmtp".utf8) { rest = rest.dropLast() }
        if let tail = rest.last, tail.elementsEqual("-".utf8) { rest = rest.dropLast() }
        return rest.last.map(text)
    }

    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || (0x09...0x0D).contains(byte)
    }

    private static func equalsIgnoringCase(_ word: ArraySlice<UInt8>, _ lowercase: StaticString) -> Bool {
        guard word.count == lowercase.utf8CodeUnitCount else { return false }
        return zip(word, UnsafeBufferPointer(start: lowercase.utf8Start, count: lowercase.utf8CodeUnitCount))
            .allSatisfy { (0x41...0x5A).contains($0) ? $0 | 0x20 == $1 : $0 == $1 }
    }

    /// `2.0.0`, `4.7.1`, `5.1.1`: three dot-separated numbers, the first 2, 4 or 5.
    private static func isEnhancedStatus(_ word: ArraySlice<UInt8>) -> Bool {
        let parts = word.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { (0x30...0x39).contains($0) } })
        else { return false }
        return parts[0].elementsEqual("2".utf8) || parts[0].elementsEqual("4".utf8) || parts[0].elementsEqual("5".utf8)
    }

    /// `SMTP 550 5.1.1 <a***@example.com>: …`, the reply's lines joined, at most 300 characters.
    static func reason(_ code: Int, _ reply: [String]) -> String {
        guard !reply.isEmpty else { return "SMTP \(code)" }
        let text = reply.enumerated().map { index, line in
            // Continuation lines repeat the code (and often the enhanced status); keep the text only.
            index == 0 ? line : String(line.dropFirst(4))
        }.joined(separator: " ")
        let masked = maskingAddresses(text)
        return "SMTP " + (masked.count > 300 ? String(masked.prefix(300)) + "…" : masked)
    }

    /// Keeps the first character of each address's local part: `ada@example.com` → `a***@example.com`.
    static func maskingAddresses(_ text: String) -> String {
        let separators: Set<Character> = [" ", "<", ">", "(", ")", "\"", "'", ",", ";", ":", "[", "]"]
        var result = ""
        var word = ""
        func flush() {
            if let at = word.firstIndex(of: "@"), at > word.startIndex {
                result += String(word[word.startIndex]) + "***" + word[at...]
            } else {
                result += word
            }
            word = ""
        }
        for character in text {
            if separators.contains(character) {
                flush()
                result.append(character)
            } else {
                word.append(character)
            }
        }
        flush()
        return result
    }
}
