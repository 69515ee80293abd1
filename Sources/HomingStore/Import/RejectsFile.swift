import Foundation
import HomingCore

/// The rows `--skip-invalid` refused, written as CSV with their original columns plus the line and reasons,
/// so the file can be fixed and imported again as it is (the two extra columns are ignored then).
final class RejectsFile {
    private let handle: FileHandle
    private var writer = CSVWriter()

    init(path: String, header: [String]) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw ImportError("\(path): cannot create the rejects file")
        }
        handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        writer.writeRow(header + ["reject_line", "reject_reason"])
    }

    func write(_ record: CSVRecord, issues: [RowIssue]) throws {
        let reasons = issues.map { issue in issue.field.map { "\($0): \(issue.message)" } ?? issue.message }
        writer.writeRow(record.strings + [String(record.line), reasons.joined(separator: "; ")])
        if writer.text.utf8.count > 1 << 20 { try flush() }
    }

    func close() throws {
        try flush()
        try handle.close()
    }

    private func flush() throws {
        try handle.write(contentsOf: Data(writer.text.utf8))
        writer.removeAll()
    }
}
