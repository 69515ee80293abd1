import Foundation
import HomingCore
import Hummingbird
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle

/// The HTTP surface of `homing serve`: health, readiness, metrics, one-click unsubscribe, inbound
/// webhooks and provider callbacks.
///
/// ```swift
/// let app = HomingHTTPServer.application(context: context, host: "127.0.0.1", port: 8080, services: [dispatcher]) { port in
///     print("listening on 127.0.0.1:\(port)")
/// }
/// try await app.runService()      // SIGTERM/SIGINT: stop accepting, finish requests, stop services
/// ```
///
/// Every request gets an id and one access log line on `logger` (``RequestLogMiddleware``);
/// `GET /metrics` is served when `metrics` is given. `eventLoops` sets the number of NIO threads
/// (default: one per core, NIO's shared group).
public enum HomingHTTPServer {
    public static func application(
        context: ServerContext,
        host: String,
        port: Int,
        services: [any Service] = [],
        metrics: ServerMetrics? = nil,
        eventLoops: Int? = nil,
        logger: Logger = Logger(label: "homing", factory: { _ in SwiftLogNoOpLogHandler() }),
        onRunning: @escaping @Sendable (Int) -> Void = { _ in }
    ) -> some ApplicationProtocol {
        let router = Router()
        router.add(middleware: RequestLogMiddleware())
        HealthRoutes(context: context).add(to: router)
        if let metrics { MetricsRoutes(metrics: metrics).add(to: router) }
        UnsubscribeRoutes(context: context).add(to: router)
        if let intake = context.intake { InboundWebhookRoutes(context: context, intake: intake).add(to: router) }
        ProviderCallbackRoutes(context: context).add(to: router)
        return Application(
            router: router,
            configuration: .init(address: .hostname(host, port: port), serverName: "homing"),
            services: services,
            onServerRunning: { channel in onRunning(channel.localAddress?.port ?? port) },
            eventLoopGroupProvider: eventLoops.map { .shared(MultiThreadedEventLoopGroup(numberOfThreads: max(1, $0))) }
                ?? .singleton,
            logger: logger
        )
    }
}
