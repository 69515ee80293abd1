import HomingEngine
import ServiceLifecycle

/// Runs a ``Dispatcher`` as a service of `homing serve`: on graceful shutdown (SIGTERM) it stops
/// claiming, lets sends in flight finish and releases its claims before the process exits.
///
/// ```swift
/// let service = DispatcherService(dispatcher: dispatcher, context: context)
/// let app = HomingHTTPServer.application(context: context, host: "127.0.0.1", port: 8080, services: [service])
/// ```
public struct DispatcherService: Service {
    public let dispatcher: Dispatcher
    public let context: ServerContext

    public init(dispatcher: Dispatcher, context: ServerContext) {
        self.dispatcher = dispatcher
        self.context = context
    }

    public func run() async throws {
        context.dispatcherRunning = true
        defer { context.dispatcherRunning = false }
        try await withGracefulShutdownHandler {
            _ = try await dispatcher.run(untilIdle: false)
        } onGracefulShutdown: {
            dispatcher.stop()
        }
    }
}
