import ArgumentParser

/// `homing bench`: hidden measurements for scripts/bench-*.sh; nothing here is for production use.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure parts of homing in isolation (see scripts/bench-*.sh).",
        shouldDisplay: false,
        subcommands: [ChannelsBenchCommand.self]
    )
}
