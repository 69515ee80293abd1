import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// A local stand-in for Homing's providers: an SMTP server and the HTTP APIs of SendGrid, Twilio,
/// FCM, APNs and plain webhooks, recording every message as a JSON line. For development, demos
/// and tests; it is not part of the production data flow.
///
/// ```swift
/// let sink = try await CaptureSink.start(
///     SinkConfiguration(host: "127.0.0.1", smtpPort: 0, httpPort: 0, outputPath: "sink.jsonl")
/// )
/// // point adapters at "http://127.0.0.1:\(sink.httpPort)" and smtp://127.0.0.1:\(sink.smtpPort)
/// print(sink.acceptedCount)
/// try await sink.stop()
/// ```
///
/// There is no TLS: the sink speaks cleartext SMTP (STARTTLS is not advertised) and HTTP/1.1
/// only, because swift-nio-ssl costs more to build than a test double is worth; point TLS-only
/// clients at it through `http://` and `smtp://` URLs. Each answered message becomes one line
/// (fields in ``SinkConfiguration`` and the README); ``SinkFaults`` injects failures, throttling,
/// latency and rejected recipients. Call ``stop()`` before the process ends, or the last 100 ms
/// of lines may be lost.
public final class CaptureSink: Sendable {
    /// The bound SMTP port (the real one when the configuration asked for 0).
    public let smtpPort: Int
    /// The bound HTTP port.
    public let httpPort: Int
    public let configuration: SinkConfiguration
    private let group: MultiThreadedEventLoopGroup
    private let listeners: [any Channel]
    private let services: SinkServices
    private let stopped = Mutex(false)

    /// Messages answered with success so far, across both listeners.
    public var acceptedCount: Int { services.acceptedCount }

    private init(
        configuration: SinkConfiguration,
        group: MultiThreadedEventLoopGroup,
        listeners: [any Channel],
        services: SinkServices
    ) {
        self.configuration = configuration
        self.group = group
        self.listeners = listeners
        self.services = services
        smtpPort = listeners[0].localAddress?.port ?? configuration.smtpPort
        httpPort = listeners[1].localAddress?.port ?? configuration.httpPort
    }

    /// Opens the output file and binds both listeners; throws ``SinkError`` saying which part
    /// failed and what to change.
    public static func start(_ configuration: SinkConfiguration) async throws(SinkError) -> CaptureSink {
        let writer = try RecordWriter(path: configuration.outputPath)
        let services = SinkServices(faults: configuration.faults, writer: writer)
        // One event loop: the sink shares the machine with its client, and on two cores a second
        // loop cost more in wake-ups and cross-thread hand-offs than it gained (scripts/bench-sink.sh).
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        var listeners: [any Channel] = []
        do {
            listeners.append(
                try await bind("smtp", configuration.host, configuration.smtpPort, group: group) { channel in
                    try channel.pipeline.syncOperations.addHandler(SMTPHandler(services: services))
                }
            )
            listeners.append(
                try await bind("http", configuration.host, configuration.httpPort, group: group) { channel in
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                    try channel.pipeline.syncOperations.addHandler(HTTPSinkHandler(services: services))
                }
            )
        } catch {
            for listener in listeners { try? await listener.close() }
            try? await group.shutdownGracefully()
            try? writer.close()
            throw error
        }
        return CaptureSink(configuration: configuration, group: group, listeners: listeners, services: services)
    }

    /// Closes the listeners and every connection, then writes the remaining lines. Safe to call twice.
    public func stop() async throws(SinkError) {
        let first = stopped.withLock { stopped in
            defer { stopped = true }
            return !stopped
        }
        guard first else { return }
        for listener in listeners { try? await listener.close() }
        try? await group.shutdownGracefully()
        try services.writer.close()
    }

    private static func bind(
        _ name: String,
        _ host: String,
        _ port: Int,
        group: MultiThreadedEventLoopGroup,
        pipeline: @escaping @Sendable (any Channel) throws -> Void
    ) async throws(SinkError) -> any Channel {
        let option = name == "smtp" ? "--smtp-port" : "--http-port"
        do {
            return try await ServerBootstrap(group: group)
                .serverChannelOption(.backlog, value: 256)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
                .childChannelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture { try pipeline(channel) }
                }
                .bind(host: host, port: port)
                .get()
        } catch {
            throw SinkError(
                "\(name): cannot listen on \(host):\(port) (\(error)); pass another \(option), or 0 for any free port"
            )
        }
    }
}
