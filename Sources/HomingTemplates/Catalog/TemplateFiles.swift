import Foundation
import HomingCore

/// The `.mustache` files of a catalog directory, read from disk; what is wrong with their names is a diagnostic.
///
/// ```swift
/// let files = try TemplateFiles(directory: "templates")
/// files.parts.first?.path   // templates/en/post-purchase-review/email.html.mustache
/// ```
struct TemplateFiles {
    struct Part {
        let locale: LocaleTag
        let message: String
        let part: TemplatePart
        let path: String
        let source: String
    }

    struct Partial {
        let locale: LocaleTag
        /// The name used in `{{> name}}`: the file name without `.mustache`, e.g. `footer.html`.
        let name: String
        let path: String
        let source: String
    }

    private(set) var locales: [LocaleTag] = []
    private(set) var messages: [String] = []
    private(set) var parts: [Part] = []
    private(set) var partials: [Partial] = []
    private(set) var diagnostics: [TemplateDiagnostic] = []

    static let partialsFolder = "partials"

    static func path(_ directory: String, _ locale: LocaleTag, _ folder: String, _ stem: String) -> String {
        "\(directory)/\(locale)/\(folder)/\(stem).mustache"
    }

    init(directory: String) throws(TemplateError) {
        let manager = FileManager.default
        guard let localeNames = try? manager.contentsOfDirectory(atPath: directory) else {
            throw .unreadableDirectory(directory)
        }
        var messageNames: Set<String> = []
        for name in localeNames.sorted() where Self.isFolder(directory + "/" + name) {
            guard let locale = try? LocaleTag(parsing: name), locale.description == name else {
                note(directory + "/" + name, "folder name \"\(name)\" is not a canonical BCP 47 tag like zh-Hant")
                continue
            }
            locales.append(locale)
            let localePath = directory + "/" + name
            let folders = (try? manager.contentsOfDirectory(atPath: localePath)) ?? []
            for folder in folders.sorted() where Self.isFolder(localePath + "/" + folder) {
                let isPartials = folder == Self.partialsFolder
                if !isPartials { messageNames.insert(folder) }
                readFolder(directory, locale, folder, isPartials: isPartials)
            }
        }
        messages = messageNames.sorted()
    }

    private mutating func readFolder(_ directory: String, _ locale: LocaleTag, _ folder: String, isPartials: Bool) {
        let folderPath = "\(directory)/\(locale)/\(folder)"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folderPath)) ?? []
        for name in names.sorted() where name.hasSuffix(".mustache") {
            let stem = String(name.dropLast(".mustache".count))
            let path = Self.path(directory, locale, folder, stem)
            guard let data = FileManager.default.contents(atPath: path) else {
                note(path, "cannot read file")
                continue
            }
            guard let source = String(data: data, encoding: .utf8) else {
                note(path, "file is not UTF-8")
                continue
            }
            if isPartials {
                guard stem.hasSuffix(".html") || stem.hasSuffix(".text") else {
                    note(path, "partial names end in .html or .text, e.g. footer.html.mustache")
                    continue
                }
                partials.append(Partial(locale: locale, name: stem, path: path, source: source))
            } else if let part = TemplatePart(fileStem: stem) {
                parts.append(Part(locale: locale, message: folder, part: part, path: path, source: source))
            } else {
                let known = TemplatePart.allCases.map(\.rawValue).joined(separator: ", ")
                note(path, "\"\(stem)\" is not a part; parts are \(known)")
            }
        }
    }

    private mutating func note(_ path: String, _ message: String) {
        diagnostics.append(TemplateDiagnostic(file: path, line: 1, message: message))
    }

    private static func isFolder(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}
