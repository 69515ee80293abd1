import ArgumentParser
import Foundation
import HomingConfig
import HomingCore
import HomingEngine
import HomingSink

/// `homing demo`: the one-command tour on the embedded default.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Generate a demo shop, score it, launch win-back and post-purchase, and deliver to a local sink.",
        discussion: """
            Everything happens in DIR (default ./demo): customers.csv and orders.csv, the store \
            homing.db, and sink.jsonl, one line per message the in-process sink captured. Quiet hours \
            and caps apply as configured, so some SMS and push wait for the morning in their \
            recipient's time zone: `homing status --db DIR/homing.db` shows them.
            """
    )

    @Option(help: "The demo directory; its previous store and capture are replaced.")
    var dir = "demo"

    @Option(help: "Number of customers.")
    var customers = 20_000

    @Option(help: "Number of orders.")
    var orders = 200_000

    @Option(
        name: .customLong("config"),
        help: "The configuration directory. Default: ./config, else the built-in defaults."
    )
    var configDirectory: String?

    @OptionGroup var paths: DispatchPaths

    func run() async throws {
        let db = (dir as NSString).appendingPathComponent("homing.db")
        let capture = (dir as NSString).appendingPathComponent("sink.jsonl")
        for name in [db, db + "-wal", db + "-shm", capture] { try? FileManager.default.removeItem(atPath: name) }
        let store = ["--db", db] + (configDirectory.map { ["--config", $0] } ?? [])
        let now = Instant.now
        step("1/6 demo data")
        try DemoDataCommand.parse([
            "--customers", "\(customers)", "--orders", "\(orders)", "--seed", "1", "--out", dir, "--until", now.iso8601,
        ]).run()
        step("2/6 import")
        try ImportCustomersCommand.parse([(dir as NSString).appendingPathComponent("customers.csv")] + store).run()
        try ImportOrdersCommand.parse([(dir as NSString).appendingPathComponent("orders.csv")] + store).run()
        step("3/6 segments")
        try SegmentsCommand.parse(["--save"] + store).run()
        step("4/6 launch win-back and post-purchase")
        try await LaunchCommand.parse(["win-back"] + store).run()
        try await LaunchCommand.parse(["post-purchase", "--since", now.adding(days: -14).iso8601] + store).run()
        step("5/6 deliver to the in-process sink")
        try await deliver(store: store, capture: capture)
        step("6/6 status")
        try StatusCommand.parse(store).run()
    }

    private func deliver(store: [String], capture: String) async throws {
        let sink = try await CaptureSink.start(
            SinkConfiguration(host: "127.0.0.1", smtpPort: 0, httpPort: 0, outputPath: capture, faults: SinkFaults())
        )
        let setup = try EngineSetup(options: StoreOptions.parse(store))
        var environment = ProcessInfo.processInfo.environment
        let secretVariable = setup.config.settings.shop.linkSecretVariable
        if (environment[secretVariable] ?? "").isEmpty {
            environment[secretVariable] = (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255)) }
                .joined()
        }
        let channels = try ChannelDirectory.load(path: paths.channels)
            .redirected(http: "http://127.0.0.1:\(sink.httpPort)", smtp: "smtp://127.0.0.1:\(sink.smtpPort)")
        let dispatcher = try setup.dispatcher(
            configuration: DispatcherConfiguration(),
            paths: paths,
            channels: channels,
            environment: environment
        )
        let (totals, seconds) = try await DispatchOutput.run(dispatcher, untilIdle: true)
        try await sink.stop()
        print(DispatchOutput.line(totals) + String(format: " in %.1f s", seconds))
        print("the sink captured \(NumberText.grouped(sink.acceptedCount)) messages: \(capture)")
    }

    private func step(_ title: String) { print("\n== \(title)") }
}
