/// Masks customer addresses before they reach a log line.
///
/// ```swift
/// LogMask.address("ana@example.com")   // "a***@example.com"
/// LogMask.address("+33612345678")      // "+33******78"
/// LogMask.address(nil)                 // "-"
/// logger.info("bounced", metadata: ["email": "\(LogMask.address(email))"])
/// LogMask.redacting("\"ana@example.com\" is not allowed")   // "\"a***@example.com\" is not allowed"
/// ```
///
/// Every log line that names an email address or a phone number passes it through here, at every
/// level: logs are shipped, kept and read by people who must not learn who the customers are. What
/// is left is enough to tell two addresses apart while debugging (the email domain, the country
/// code and the last two digits of a phone number), not to contact anyone.
///
/// - An email keeps the first character of a local part of three characters or more, and its
///   domain; shorter local parts are masked whole (`li@example.cn` → `***@example.cn`).
/// - A phone number (optional `+`, then digits, spaces, dots, dashes or parentheses, at least
///   seven digits) keeps its first two and last two digits, with a fixed six stars between them
///   so the length is not revealed.
/// - Anything else (push tokens, malformed values) becomes `***`; nil or blank becomes `-`.
///
/// Characters are grapheme clusters, so non-ASCII addresses are never cut inside a character.
///
/// Free text that may quote an address (an error's description) goes through ``redacting(_:)``,
/// which masks every word that looks like an email address or a `+`-prefixed phone number.
public enum LogMask {
    public static func address(_ value: String?) -> String {
        guard let value else { return "-" }
        let trimmed = value.trimmingWhitespace
        guard !trimmed.isEmpty else { return "-" }
        if let at = trimmed.lastIndex(of: "@") {
            return email(local: trimmed[..<at], domain: trimmed[trimmed.index(after: at)...])
        }
        if let masked = phone(trimmed) { return masked }
        return "***"
    }

    /// `text` with every email address and every phone number written with a leading `+` masked
    /// as ``address(_:)`` masks them; the rest is left as it is.
    ///
    /// Words are split at whitespace, quotes, brackets, commas, semicolons and angle brackets, so
    /// `<ana@example.com>` and `"ana@example.com"` are found. Digit runs without `+` (order ids,
    /// timestamps) are left alone: in free text they are far more often not phone numbers.
    public static func redacting(_ text: String) -> String {
        var result = ""
        var word = ""
        func flush() {
            result += maskedWord(word)
            word = ""
        }
        for character in text {
            if character.isWhitespace || #""'`()[]{}<>,;"#.contains(character) {
                flush()
                result.append(character)
            } else {
                word.append(character)
            }
        }
        flush()
        return result
    }

    private static func maskedWord(_ word: String) -> String {
        // A sentence's final period or colon is not part of the address.
        let core = Substring(word)
        var end = core.endIndex
        while end > core.startIndex, ".:!?".contains(core[core.index(before: end)]) {
            end = core.index(before: end)
        }
        let candidate = core[..<end]
        let trailing = core[end...]
        if let at = candidate.firstIndex(of: "@"), at > candidate.startIndex,
            candidate.index(after: at) < candidate.endIndex
        {
            return address(String(candidate)) + trailing
        }
        if candidate.first == "+", let masked = phone(candidate) { return masked + trailing }
        return word
    }

    private static func email(local: Substring, domain: Substring) -> String {
        let kept = local.count >= 3 ? String(local.prefix(1)) : ""
        return kept + "***@" + domain
    }

    private static func phone(_ value: Substring) -> String? {
        var digits: [Character] = []
        for (offset, character) in value.enumerated() {
            if character.isASCII, character.isNumber {
                digits.append(character)
            } else if character == "+" && offset == 0 {
                continue
            } else if !" .-()".contains(character) {
                return nil
            }
        }
        guard digits.count >= 7 else { return nil }
        let plus = value.first == "+" ? "+" : ""
        return plus + String(digits.prefix(2)) + "******" + String(digits.suffix(2))
    }
}

extension StringProtocol {
    fileprivate var trimmingWhitespace: Substring {
        let text = Substring(self)
        guard let first = text.firstIndex(where: { !$0.isWhitespace }),
            let last = text.lastIndex(where: { !$0.isWhitespace })
        else { return "" }
        return text[first...last]
    }
}
