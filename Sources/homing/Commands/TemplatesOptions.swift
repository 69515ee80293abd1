import ArgumentParser
import Foundation
import HomingCore
import HomingTemplates

/// Where the catalog and the configuration live; shared by `templates check` and `preview`.
struct TemplatesOptions: ParsableArguments {
    @Option(name: .customLong("config"), help: "Configuration directory holding homing.yaml.")
    var configDirectory = "config"

    @Option(name: .customLong("templates"), help: "Template catalog directory.")
    var templatesDirectory = "templates"

    /// `default_locale` from `homing.yaml`, or `en` when the file or key is absent.
    func defaultLocale() throws -> LocaleTag {
        // wired to HomingConfig at merge
        let path = configDirectory + "/homing.yaml"
        var value = "en"
        if let text = try? String(contentsOfFile: path, encoding: .utf8) {
            for line in text.split(whereSeparator: \.isNewline) where line.hasPrefix("default_locale:") {
                let raw = line.dropFirst("default_locale:".count).split(separator: "#")[0]
                value = raw.trimmingCharacters(in: .whitespaces.union(CharacterSet(charactersIn: "\"'")))
            }
        }
        do {
            return try LocaleTag(parsing: value)
        } catch {
            throw TemplatesCommandError("\(path): default_locale \(error)")
        }
    }

    /// The messages journeys in `config/journeys/` use, or nil (check everything) when there are none yet.
    func journeyMessages() -> [String]? {
        // wired to HomingConfig at merge
        let folder = configDirectory + "/journeys"
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        var messages: [String] = []
        for file in files.sorted() where file.hasSuffix(".yaml") || file.hasSuffix(".yml") {
            let text = (try? String(contentsOfFile: folder + "/" + file, encoding: .utf8)) ?? ""
            for line in text.split(whereSeparator: \.isNewline) {
                let trimmed = line.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "- ", with: "")
                guard trimmed.hasPrefix("message:") else { continue }
                let name = trimmed.dropFirst("message:".count).trimmingCharacters(in: .whitespaces)
                    .trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
                if !name.isEmpty, !messages.contains(name) { messages.append(name) }
            }
        }
        return messages.isEmpty ? nil : messages
    }

    func loadCatalog() throws -> TemplateCatalog {
        try TemplateCatalog(directory: templatesDirectory, defaultLocale: defaultLocale())
    }
}

/// A problem with the command's input that is not about its arguments, so no usage text is printed.
struct TemplatesCommandError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
