/// Reads the fields of one record by column name and collects what is wrong with them.
///
/// The row parsers use it so that each field is checked once and every problem in a row is reported,
/// not just the first.
struct RowReader {
    let record: CSVRecord
    let columns: ImportColumns
    var issues: [RowIssue] = []

    init(record: CSVRecord, columns: ImportColumns) {
        self.record = record
        self.columns = columns
        if record.count != columns.header.count {
            issues.append(
                RowIssue(
                    line: record.line,
                    field: nil,
                    message: "has \(record.count) fields, but the header has \(columns.header.count); check the quoting"
                )
            )
        }
    }

    var isUsable: Bool { record.count == columns.header.count }

    /// The field's text, or nil when the column is absent or the field empty.
    func text(_ column: String) -> String? {
        guard let index = columns.index(of: column), index < record.count, !record.isEmpty(index) else { return nil }
        return record.string(index)
    }

    mutating func fail(_ column: String, _ message: String) {
        issues.append(RowIssue(line: record.line, field: column, message: message))
    }

    /// A required field; records a problem when it is empty.
    mutating func required(_ column: String) -> String? {
        guard let value = text(column) else {
            fail(column, "is required")
            return nil
        }
        return value
    }

    /// An id: 1–64 characters, no control characters, no surrounding spaces.
    mutating func identifier(_ column: String) -> String? {
        guard let value = required(column) else { return nil }
        if value.utf8.count > 64, value.unicodeScalars.count > 64 {
            fail(column, "\"\(value.prefix(20))…\" is longer than 64 characters")
            return nil
        }
        if value.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F })
            || value.first == " " || value.last == " "
        {
            fail(column, "\"\(value)\" has spaces around it or control characters")
            return nil
        }
        return value
    }

    mutating func timestamp(_ column: String) -> Instant? {
        guard let value = text(column) else { return nil }
        do {
            return try Instant(iso8601: value)
        } catch {
            fail(column, error.description)
            return nil
        }
    }

    mutating func check(_ column: String, _ problem: (String) -> String?) -> String? {
        guard let value = text(column) else { return nil }
        if let message = problem(value) {
            fail(column, message)
            return nil
        }
        return value
    }

    mutating func flag(_ column: String) -> Bool {
        guard let value = text(column) else { return false }
        switch value {
        case "true", "TRUE", "True": return true
        case "false", "FALSE", "False": return false
        default:
            fail(column, "\"\(value)\" must be true or false")
            return false
        }
    }
}
