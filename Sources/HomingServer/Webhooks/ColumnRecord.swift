import HomingCore
import HomingEngine

/// A webhook's fields laid out as the import CSV's columns (DESIGN.md §4.1), so they are
/// validated by the same row parsers, with the same rules and messages, as an imported file.
///
/// ```swift
/// var record = ColumnRecord()
/// record["customer_id"] = "c1"
/// record["email"] = "ana@example.com"
/// let change = try record.customer(parsers: parsers, fieldPath: { "data.\($0)" })
/// ```
///
/// Absent (nil) columns are left out of the header, so an update never blanks what was not sent.
/// The parsers come from ``RowParsers``, built once per column set.
struct ColumnRecord {
    private(set) var columns: [String] = []
    private(set) var values: [String] = []

    subscript(column: String) -> String? {
        get { columns.firstIndex(of: column).map { values[$0] } }
        set {
            if let index = columns.firstIndex(of: column) {
                columns.remove(at: index)
                values.remove(at: index)
            }
            guard let newValue else { return }
            columns.append(column)
            values.append(newValue)
        }
    }

    /// The customer these columns describe; `fieldPath` names a column in the sender's terms.
    func customer(
        parsers: RowParsers,
        fieldPath: (String) -> String
    ) throws(WebhookRejection) -> CustomerChange {
        try require(["customer_id"], fieldPath: fieldPath)
        let parser: RowParsers.CustomerParser
        do { parser = try parsers.customer(columns: columns) } catch {
            throw .badRequest(field: nil, error.description)
        }
        switch parser.parser.parse(CSVRecord(line: 1, fields: values)) {
        case .success(let customer): return CustomerChange(customer, presentColumns: parser.present)
        case .failure(let problems): throw Self.rejection(problems, fieldPath: fieldPath)
        }
    }

    /// The order these columns describe, valued in the base currency with the parsers' rates.
    func order(parsers: RowParsers, fieldPath: (String) -> String) throws(WebhookRejection) -> OrderRowParser.Row {
        try require(Self.requiredOrderColumns, fieldPath: fieldPath)
        let parser: OrderRowParser
        do { parser = try parsers.order(columns: columns) } catch {
            throw .badRequest(field: nil, error.description)
        }
        switch parser.parse(CSVRecord(line: 1, fields: values)) {
        case .success(let row): return row
        case .failure(let problems): throw Self.rejection(problems, fieldPath: fieldPath)
        }
    }

    private static func rejection(_ problems: RowIssues, fieldPath: (String) -> String) -> WebhookRejection {
        let first = problems.issues.first
        let field = first?.field.map(fieldPath)
        let message = problems.issues.map { issue in
            issue.field.map { "\(fieldPath($0)): \(issue.message)" } ?? issue.message
        }.joined(separator: "; ")
        return .badRequest(field: field, message.isEmpty ? "the record is not usable" : message)
    }

    static let requiredOrderColumns = ["order_id", "customer_id", "ordered_at", "amount", "currency", "status"]

    private func require(_ required: [String], fieldPath: (String) -> String) throws(WebhookRejection) {
        let absent = required.filter { self[$0] == nil }
        guard let first = absent.first else { return }
        throw .badRequest(
            field: fieldPath(first),
            "missing field\(absent.count > 1 ? "s" : "") \(absent.map(fieldPath).joined(separator: ", "))"
        )
    }
}
