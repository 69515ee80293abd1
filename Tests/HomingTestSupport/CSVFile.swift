import Foundation
import HomingCore

/// Reads a whole CSV file into rows of strings, for checking files that `homing` wrote.
///
/// ```swift
/// let rows = try CSVFile.rows(atPath: "segments.csv")   // rows[0] is the header
/// ```
public enum CSVFile {
    public static func rows(atPath path: String) throws -> [[String]] {
        try rows(text: String(contentsOfFile: path, encoding: .utf8))
    }

    public static func rows(text: String) throws -> [[String]] {
        var parser = CSVParser()
        var rows: [[String]] = []
        try parser.parse(Array(text.utf8)) { rows.append($0.strings) }
        try parser.finish { rows.append($0.strings) }
        return rows
    }
}
