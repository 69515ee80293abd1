import ArgumentParser

/// The `homing` command line: thin commands that parse arguments and call the modules.
@main
struct Homing: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "homing",
        abstract: "Retention messaging for shops: import customers and orders, score them, bring them back.",
        subcommands: [
            ImportCommand.self,
            SegmentsCommand.self,
            MetricsCommand.self,
            DemoDataCommand.self,
            TemplatesCommand.self,
            BenchCommand.self,
            PreviewCommand.self,
            LaunchCommand.self,
            RunCommand.self,
            StatusCommand.self,
            PauseCommand.self,
            ResumeCommand.self,
            RetryDeadCommand.self,
            SinkCommand.self,
            DemoCommand.self,
            SendCommand.self,
            ServeCommand.self,
        ]
    )
}
