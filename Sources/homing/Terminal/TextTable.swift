/// A plain-text table: first column left-aligned, the others right-aligned, two spaces between columns.
///
/// ```swift
/// var table = TextTable(header: ["segment", "customers"])
/// table.add(["champions", "1,234"])
/// print(table.rendered)
/// ```
struct TextTable {
    private var rows: [[String]]

    init(header: [String]) { rows = [header] }

    mutating func add(_ row: [String]) { rows.append(row) }

    var rendered: String {
        let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { column, cell in
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                return column == 0 ? cell + padding : padding + cell
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }
}
