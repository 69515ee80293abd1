/// Maps the header of an import file to the columns Homing knows (DESIGN.md §4.1).
///
/// ```swift
/// let columns = try ImportColumns(header: ["order_id", "amount", "x"], known: ["order_id", "amount", "currency"],
///                                 required: ["order_id", "amount"])
/// columns.index(of: "amount")   // 1
/// columns.unknown                // ["x"]
/// columns.missing                // ["currency"]
/// ```
///
/// Columns may come in any order; unknown ones are ignored (the caller warns once); a missing optional
/// column reads as empty in every row.
public struct ImportColumns: Sendable {
    /// The header as written, for the rejects file.
    public let header: [String]
    /// Columns of the file that Homing does not know.
    public let unknown: [String]
    /// Known optional columns the file lacks.
    public let missing: [String]
    private let indexes: [String: Int]

    public init(header: [String], known: [String], required: [String]) throws(HeaderError) {
        var indexes: [String: Int] = [:]
        var unknown: [String] = []
        for (index, name) in header.enumerated() {
            let column = name.trimmingSpaces
            guard indexes[column] == nil else { throw HeaderError("column \"\(column)\" appears twice in the header") }
            if known.contains(column) { indexes[column] = index } else { unknown.append(column) }
        }
        let absent = required.filter { indexes[$0] == nil }
        guard absent.isEmpty else {
            let names = absent.joined(separator: ", ")
            throw HeaderError(
                "the header lacks the required column\(absent.count > 1 ? "s" : "") \(names); expected \(known.joined(separator: ","))"
            )
        }
        self.header = header
        self.unknown = unknown
        self.missing = known.filter { indexes[$0] == nil }
        self.indexes = indexes
    }

    public func index(of column: String) -> Int? { indexes[column] }

    /// The known columns the file has, by their canonical names.
    public var present: Set<String> { Set(indexes.keys) }

    /// Warnings worth printing once for this file.
    public var warnings: [String] {
        var warnings: [String] = []
        if !unknown.isEmpty { warnings.append("ignoring unknown column(s) \(unknown.joined(separator: ", "))") }
        if !missing.isEmpty { warnings.append("column(s) \(missing.joined(separator: ", ")) absent: read as empty") }
        return warnings
    }
}

extension String {
    fileprivate var trimmingSpaces: String {
        var slice = Substring(self)
        while slice.first == " " { slice = slice.dropFirst() }
        while slice.last == " " { slice = slice.dropLast() }
        return String(slice)
    }
}
