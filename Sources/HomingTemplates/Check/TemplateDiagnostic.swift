/// A problem found in a template file, printed the way compilers print them.
///
/// ```swift
/// let error = TemplateDiagnostic(file: "templates/fr/win-back-offer/email.subject.mustache", line: 1,
///                                message: "unknown variable \"ofer.code\"")
/// error.description   // templates/fr/win-back-offer/email.subject.mustache:1: unknown variable "ofer.code"
/// ```
public struct TemplateDiagnostic: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Severity: Sendable, Hashable {
        case error
        case warning
    }

    public var file: String
    public var line: Int
    public var message: String
    public var severity: Severity

    public init(file: String, line: Int, message: String, severity: Severity = .error) {
        self.file = file
        self.line = line
        self.message = message
        self.severity = severity
    }

    public var description: String {
        "\(file):\(line): \(severity == .warning ? "warning: " : "")\(message)"
    }
}
