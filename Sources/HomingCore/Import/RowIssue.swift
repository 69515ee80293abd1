/// Something wrong with one row of an import file, pointing at the line and the column.
///
/// ```swift
/// let issue = RowIssue(line: 1042, field: "currency", message: "\"EURO\" is not an ISO 4217 code")
/// issue.formatted(file: "orders.csv")   // orders.csv:1042: currency: "EURO" is not an ISO 4217 code
/// ```
public struct RowIssue: Hashable, Sendable {
    public var line: Int
    /// The column, or nil when the problem is with the row as a whole.
    public var field: String?
    public var message: String

    public init(line: Int, field: String?, message: String) {
        self.line = line
        self.field = field
        self.message = message
    }

    public func formatted(file: String) -> String {
        if let field { return "\(file):\(line): \(field): \(message)" }
        return "\(file):\(line): \(message)"
    }
}

/// The problems found in one row.
public struct RowIssues: Error, Sendable {
    public var issues: [RowIssue]
    public init(_ issues: [RowIssue]) { self.issues = issues }
}

/// A header row Homing cannot import: a required column is missing or a column is named twice.
public struct HeaderError: Error, Equatable, Sendable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
