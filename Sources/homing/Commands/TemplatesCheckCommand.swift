import ArgumentParser
import HomingTemplates

/// `homing templates check`: every message × channel × locale resolves, renders and fits; exit 1 on errors.
struct TemplatesCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Render every message in every locale with sample data and report template errors."
    )

    @OptionGroup var options: TemplatesOptions

    @Option(help: "Most SMS segments a message may take.")
    var maxSmsSegments = 3

    @Flag(name: .shortAndLong, help: "Only print problems.")
    var quiet = false

    func run() throws {
        let catalog = try options.loadCatalog()
        let check = CatalogCheck(catalog: catalog, messages: nil, maxSMSSegments: maxSmsSegments)
        if !quiet {
            print(
                "default locale \(catalog.defaultLocale); locales \(catalog.locales.map(\.description).joined(separator: ", "))"
            )
            for line in check.lines { print(line) }
        }
        for diagnostic in check.diagnostics { print(diagnostic) }
        let errors = check.diagnostics.count { $0.severity == .error }
        let warnings = check.diagnostics.count - errors
        print(
            "\(catalog.messages.count) messages, \(check.lines.count) renderings: \(errors) errors, \(warnings) warnings"
        )
        if errors > 0 { throw ExitCode(1) }
    }
}
