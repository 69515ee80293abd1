import HomingCore

/// Why a message could not be rendered; each case says what to fix.
///
/// ```swift
/// do { _ = try catalog.resolve("welcom", .emailSubject, for: en) }
/// catch { print(error) }   // no template welcom/email.subject.mustache for en or any fallback
/// ```
public enum TemplateError: Error, Equatable, Sendable, CustomStringConvertible {
    case unreadableDirectory(String)
    case missingTemplate(message: String, part: TemplatePart, locale: LocaleTag)
    case invalidTemplate(file: String)
    case missingInput(message: String, input: String)
    case unknownMessage(String)
    case noChannel(message: String, channel: Channel)

    public var description: String {
        switch self {
        case .unreadableDirectory(let path):
            "cannot read template directory \(path)"
        case .missingTemplate(let message, let part, let locale):
            "no template \(message)/\(part.rawValue).mustache for \(locale) or any fallback"
        case .invalidTemplate(let file):
            "\(file) has errors; run `homing templates check`"
        case .missingInput(let message, let input):
            "\(message) needs an \(input), but none was given"
        case .unknownMessage(let message):
            "no message \"\(message)\" in the catalog"
        case .noChannel(let message, let channel):
            "\(message) has no \(channel.rawValue) templates"
        }
    }
}
