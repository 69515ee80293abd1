import ArgumentParser

/// `homing templates`: work with the message template catalog.
struct TemplatesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "templates",
        abstract: "Check the message template catalog.",
        subcommands: [TemplatesCheckCommand.self, TemplatesBenchCommand.self]
    )
}
