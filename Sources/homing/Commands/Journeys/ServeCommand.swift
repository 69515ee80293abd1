import ArgumentParser
import Foundation
import HomingEngine
import HomingServer

/// `homing serve`: the HTTP server and the dispatcher in one process.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve unsubscribe links and health checks, and dispatch messages, in one process.",
        discussion: """
            GET /healthz answers while the process runs; GET /readyz when the store answers and the \
            dispatcher runs. GET /u/TOKEN shows a confirmation page in the customer's language and \
            POST /u/TOKEN unsubscribes at once (RFC 8058 one-click). SIGTERM or SIGINT stops \
            accepting connections, finishes requests and sends in flight, releases claims and exits 0.
            """
    )

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on; 0 picks a free one (printed on start).")
    var port = 8080

    @Option(help: "Messages in flight at once.")
    var concurrency: Int = 128

    @OptionGroup var store: StoreOptions
    @OptionGroup var paths: DispatchPaths

    func run() async throws {
        let setup = try EngineSetup(options: store)
        var configuration = DispatcherConfiguration()
        configuration.concurrency = max(1, concurrency)
        let dispatcher = try setup.dispatcher(configuration: configuration, paths: paths)
        let profile = try setup.messageProfile(environment: ProcessInfo.processInfo.environment)
        let context = ServerContext(
            store: setup.store,
            linkSecret: profile.linkSecret,
            defaultLocale: setup.config.settings.defaultLocale
        )
        let host = self.host
        let app = HomingHTTPServer.application(
            context: context,
            host: host,
            port: port,
            services: [DispatcherService(dispatcher: dispatcher, context: context)]
        ) { port in
            // Written unbuffered: scripts and tests read the port while the server runs.
            FileHandle.standardOutput.write(Data("listening on \(host):\(port)\n".utf8))
        }
        try await app.runService()
    }
}
