import Foundation

/// A regular expression that recipients are matched against, with the source kept for equality
/// and messages.
///
/// ```swift
/// let pattern = try RecipientPattern(#"^\+1555"#)
/// pattern.matches("+15550100")   // true
/// ```
///
/// Uses `NSRegularExpression` (ICU syntax); a match anywhere in the recipient counts, so anchor
/// the pattern to match whole addresses.
public struct RecipientPattern: Sendable, Hashable, CustomStringConvertible {
    public let source: String
    private let expression: NSRegularExpression

    /// Throws ``SinkOptionError`` naming `--reject-recipients` when `source` does not compile.
    public init(_ source: String) throws(SinkOptionError) {
        do {
            expression = try NSRegularExpression(pattern: source)
        } catch {
            throw SinkOptionError(option: "--reject-recipients", value: source, expected: "a regular expression")
        }
        self.source = source
    }

    public func matches(_ recipient: String) -> Bool {
        expression.firstMatch(in: recipient, range: NSRange(recipient.startIndex..., in: recipient)) != nil
    }

    public var description: String { source }

    public static func == (lhs: RecipientPattern, rhs: RecipientPattern) -> Bool { lhs.source == rhs.source }
    public func hash(into hasher: inout Hasher) { hasher.combine(source) }
}
