import Foundation
import HomingCore

@testable import HomingTemplates

/// Paths and shared objects for the template tests.
enum Fixtures {
    /// The repository root, found from this file's path so tests run from any directory.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    static let goldenDirectory = root + "/Tests/HomingTemplatesTests/Golden"

    static let en = tag("en")

    /// The shipped catalog, loaded once for all tests.
    static let catalog = try! TemplateCatalog(directory: root + "/templates", defaultLocale: en)

    static func tag(_ text: String) -> LocaleTag { try! LocaleTag(parsing: text) }

    /// A catalog written to a temporary directory from `files` (path → source), default locale `en`.
    static func catalog(_ files: [String: String], in directory: URL) throws -> TemplateCatalog {
        for (path, source) in files {
            let url = directory.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(),
                withIntermediateDirectories: true
            )
            try source.write(to: url, atomically: true, encoding: .utf8)
        }
        return try TemplateCatalog(directory: directory.path, defaultLocale: en)
    }
}
