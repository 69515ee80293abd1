import ArgumentParser
import Foundation
import HomingConfig
import HomingCore
import HomingTemplates

/// Where the catalog and the configuration live; shared by `templates check` and `preview`.
struct TemplatesOptions: ParsableArguments {
    @Option(
        name: .customLong("config"),
        help: "The configuration directory. Default: ./config, else the built-in defaults."
    )
    var configDirectory: String?

    @Option(name: .customLong("templates"), help: "Template catalog directory.")
    var templatesDirectory = "templates"

    /// `default_locale` from `homing.yaml` (or the built-in default when there is no config directory).
    func defaultLocale() throws -> LocaleTag {
        try ConfigDirectory.load(path: configDirectory).settings.defaultLocale
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
