import HomingEngine
import Logging
import ServiceLifecycle

/// Runs a ``Dispatcher`` as a service of `homing serve`: on graceful shutdown (SIGTERM) it stops
/// claiming, lets sends in flight finish and releases its claims before the process exits.
///
/// ```swift
/// let service = DispatcherService(dispatcher: dispatcher, context: context, logger: logger)
/// let app = HomingHTTPServer.application(context: context, host: "127.0.0.1", port: 8080, services: [service])
/// ```
///
/// A store error (the file locked by another process past the busy timeout, a full disk) does not
/// end the server: the dispatcher's claims are released, the error is logged, `/readyz` says
/// `dispatcher: stopped`, and the dispatcher starts again after `restartDelay`. Rows are claimed
/// under a lease, so nothing is sent twice by the restart.
public struct DispatcherService: Service {
    public let dispatcher: Dispatcher
    public let context: ServerContext
    public let logger: Logger
    public let restartDelay: Duration

    public init(
        dispatcher: Dispatcher,
        context: ServerContext,
        logger: Logger = Logger(label: "homing", factory: { _ in SwiftLogNoOpLogHandler() }),
        restartDelay: Duration = .seconds(1)
    ) {
        self.dispatcher = dispatcher
        self.context = context
        self.logger = logger
        self.restartDelay = restartDelay
    }

    public func run() async throws {
        await withGracefulShutdownHandler {
            while !Task.isShuttingDownGracefully && !Task.isCancelled {
                context.dispatcherRunning = true
                do {
                    _ = try await dispatcher.run(untilIdle: false)
                    context.dispatcherRunning = false
                    return
                } catch {
                    context.dispatcherRunning = false
                    logger.error("dispatcher stopped on a store error, restarting in \(restartDelay): \(error)")
                }
                try? await Task.sleep(for: restartDelay)
            }
        } onGracefulShutdown: {
            dispatcher.stop()
        }
    }
}
