import ArgumentParser
import Foundation
import HomingCore
import HomingEngine

/// `homing run`: the dispatcher.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Deliver planned messages: claim due outbox rows, check, render, send, record.",
        discussion: """
            Consent, suppressions, quiet hours and frequency caps are checked at send time. Several \
            dispatchers may run against one store; each claims rows under a lease. SIGINT or SIGTERM \
            stops claiming, lets sends in flight finish, puts unstarted claims back and exits 0.
            """
    )

    @Flag(help: "Exit when nothing is due within the next two minutes, instead of running until stopped.")
    var untilIdle = false

    @Option(help: "Messages in flight at once.")
    var concurrency: Int = 128

    @Option(help: "Seconds a claim holds before another dispatcher may take the row over.")
    var lease: Int = 60

    @OptionGroup var store: StoreOptions
    @OptionGroup var paths: DispatchPaths

    func run() async throws {
        let setup = try EngineSetup(options: store)
        var configuration = DispatcherConfiguration()
        configuration.concurrency = max(1, concurrency)
        configuration.lease = .seconds(max(1, lease))
        let dispatcher = try setup.dispatcher(configuration: configuration, paths: paths)
        let (totals, seconds) = try await DispatchOutput.run(dispatcher, untilIdle: untilIdle)
        printError(
            DispatchOutput.line(totals)
                + String(format: " in %.1f s (%.0f sent/s)", seconds, Double(totals.sent) / seconds)
        )
    }
}

enum DispatchOutput {
    /// Runs `dispatcher` with a progress bar on a terminal, stopping it cleanly on SIGINT or
    /// SIGTERM; returns its totals and the seconds it ran.
    static func run(_ dispatcher: Dispatcher, untilIdle: Bool) async throws -> (DispatchProgress, seconds: Double) {
        let signals = SignalWatch([SIGINT, SIGTERM]) { _ in dispatcher.stop() }
        defer { signals.cancel() }
        let bar = isatty(STDERR_FILENO) == 1 ? ProgressBar(label: "dispatch") : nil
        let started = ContinuousClock.now
        let totals = try await dispatcher.run(untilIdle: untilIdle) { progress in
            bar?.update(fraction: nil, detail: line(progress))
        }
        bar?.finish()
        return (totals, max(0.001, (ContinuousClock.now - started).seconds))
    }

    static func line(_ progress: DispatchProgress) -> String {
        "sent \(NumberText.grouped(progress.sent)), retried \(NumberText.grouped(progress.retried)), "
            + "deferred \(NumberText.grouped(progress.deferred)), skipped \(NumberText.grouped(progress.skipped)), "
            + "suppressed \(NumberText.grouped(progress.suppressed)), dead \(NumberText.grouped(progress.dead))"
    }
}
