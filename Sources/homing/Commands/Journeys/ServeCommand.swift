import ArgumentParser
import Foundation
import HomingChannels
import HomingConfig
import HomingEngine
import HomingServer
import HomingStore
import Logging

#if canImport(Glibc)
import Glibc
#endif

/// `homing serve`: the HTTP server and the dispatcher in one process.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve unsubscribe links and health checks, and dispatch messages, in one process.",
        discussion: """
            GET /healthz answers while the process runs; GET /readyz when the store answers and the \
            dispatcher runs. GET /u/TOKEN shows a confirmation page in the customer's language and \
            POST /u/TOKEN unsubscribes at once (RFC 8058 one-click). POST \
            /webhooks/providers/sendgrid and /webhooks/providers/twilio take delivery reports and \
            opt-outs (signed; see README). SIGTERM or SIGINT stops \
            accepting connections, finishes requests and sends in flight, releases claims and exits 0.

            POST /webhooks/shopify/orders takes Shopify order webhooks (orders/create, orders/paid) \
            signed with HOMING_SHOPIFY_SECRET (or HOMING_SHOPIFY_SECRET_PREVIOUS during a rotation); \
            POST /webhooks/events takes Standard Webhooks events signed with HOMING_EVENTS_SECRET. \
            Each event is stored, with what it plans, before the 200.

            GET /metrics answers in the Prometheus text format. Each request gets an id (a sane incoming \
            X-Request-Id, else a new one) echoed in X-Request-Id, and one access line on stderr \
            (successful probes and scrapes only at --log-level debug).
            """
    )

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on; 0 picks a free one (printed on start).")
    var port = 8080

    @Option(help: "The largest webhook body accepted, in bytes; larger ones get 413.")
    var maxBodyBytes = InboundBody.defaultLimit

    @Option(help: "Threads that read and write HTTP connections. Default: one per core.")
    var eventLoops: Int?

    @Option(help: "Messages in flight at once.")
    var concurrency: Int = 128

    @Option(
        help: "Log level on stderr: trace, debug, info, notice, warning, error or critical.",
        transform: { text in
            guard let level = Logger.Level(rawValue: text.lowercased()) else {
                throw ValidationError("--log-level \(text): use trace, debug, info, notice, warning, error or critical")
            }
            return level
        }
    )
    var logLevel: Logger.Level = .info

    @OptionGroup var store: StoreOptions
    @OptionGroup var paths: DispatchPaths

    func run() async throws {
        // Webhook senders give up after 5 s (Shopify): a write locked out by another process fails
        // after 2 s and answers 503, so the sender retries instead of timing out. The dispatcher
        // restarts after such an error (DispatcherService) instead of ending the server.
        // Checkpoints run on a thread of their own, so a webhook's commit never waits for their syncs.
        let setup = try EngineSetup(options: store, busyTimeout: .seconds(2), checkpoints: .background)
        Self.keepFreedHeap()
        let metrics = ServerMetrics(store: setup.store)
        var configuration = DispatcherConfiguration()
        configuration.concurrency = max(1, concurrency)
        configuration.observer = metrics
        let channels = try ChannelDirectory.load(path: paths.channels)
        let dispatcher = try setup.dispatcher(configuration: configuration, paths: paths, channels: channels)
        let environment = ProcessInfo.processInfo.environment
        let profile = try setup.messageProfile(environment: environment)
        let context = ServerContext(
            store: setup.store,
            linkSecret: profile.linkSecret,
            defaultLocale: setup.config.settings.defaultLocale,
            webhookObserver: metrics,
            bodyLimit: max(1024, maxBodyBytes),
            intake: try intake(setup, environment: environment),
            providerCallbacks: try callbackKeys(channels: channels, environment: environment, setup: setup)
        )
        // Access lines are batched on their way to stderr; whatever is still buffered goes out
        // when the server has stopped, so a graceful shutdown loses no line.
        defer { StandardErrorBuffer.shared.flush() }
        var logger = Logger(label: "homing") { label in ServerLogHandler(label: label) }
        logger.logLevel = logLevel
        let host = self.host
        let app = HomingHTTPServer.application(
            context: context,
            host: host,
            port: port,
            services: [DispatcherService(dispatcher: dispatcher, context: context, logger: logger)],
            metrics: metrics,
            eventLoops: eventLoops,
            logger: logger
        ) { port in
            // Written unbuffered: scripts and tests read the port while the server runs.
            FileHandle.standardOutput.write(Data("listening on \(host):\(port)\n".utf8))
        }
        try await app.runService()
    }

    /// glibc gives freed heap back to the kernel (`madvise`) as soon as 128 KiB are free at the top
    /// of an arena, and the store's writer faults the pages in again at its next commit: ~90
    /// `madvise` calls a second under the webhook benchmark, with their page faults and TLB
    /// shootdowns about 8% of the writer thread. A server keeps up to 64 MiB instead.
    private static func keepFreedHeap() {
        #if canImport(Glibc)
        // mallopt is in <malloc.h>, which the Glibc module leaves out; M_TRIM_THRESHOLD is -1,
        // M_MMAP_THRESHOLD -3 (setting one also stops glibc from moving them itself).
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
        let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
        _ = mallopt(-1, 64 << 20)
        _ = mallopt(-3, 4 << 20)
        #endif
    }

    /// The webhook secrets come from the environment; a missing one only disables its sender.
    private func intake(_ setup: EngineSetup, environment: [String: String]) throws -> WebhookIntake {
        let shopify = ["HOMING_SHOPIFY_SECRET", "HOMING_SHOPIFY_SECRET_PREVIOUS"].compactMap { environment[$0] }
        var events: WebhookSigner?
        if let secret = environment["HOMING_EVENTS_SECRET"], !secret.isEmpty {
            do { events = try WebhookSigner(secret: secret) } catch {
                throw ValidationError("HOMING_EVENTS_SECRET is not a Standard Webhooks secret (whsec_ and base64)")
            }
        }
        if shopify.isEmpty { printError("note: HOMING_SHOPIFY_SECRET not set; Shopify webhooks will get 401") }
        if events == nil { printError("note: HOMING_EVENTS_SECRET not set; signed events will get 401") }
        return WebhookIntake(
            ingestor: EventIngestor(store: setup.store, planner: setup.planner),
            rates: setup.config.settings.rates,
            shopify: ShopifySignature(secrets: shopify),
            events: events
        )
    }

    /// SendGrid's key from HOMING_SENDGRID_WEBHOOK_KEY; Twilio's token from the variable the sms
    /// channel's `auth_token_env` names, when SMS goes through Twilio. A missing one only refuses
    /// its provider's callbacks (401), as for the inbound webhooks.
    private func callbackKeys(
        channels: ChannelDirectory,
        environment: [String: String],
        setup: EngineSetup
    ) throws -> ProviderCallbackKeys {
        let keys: ProviderCallbackKeys
        var twilioVariable: String?
        var statusCallback: String?
        if case .twilio(let twilio)? = channels.settings[.sms]?.adapter {
            (twilioVariable, statusCallback) = (twilio.authTokenVariable, twilio.statusCallback)
        }
        do {
            keys = try ProviderCallbackKeys(
                publicURL: setup.config.settings.shop.publicURL,
                environment: environment,
                twilioAuthTokenVariable: twilioVariable
            )
        } catch {
            throw ValidationError(error.description)
        }
        if case .sendgrid? = channels.settings[.email]?.adapter, case .failure = keys.sendGrid {
            printError("note: \(ProviderCallbackKeys.sendGridKeyVariable) not set; SendGrid callbacks will get 401")
        }
        if let twilioVariable, case .failure = keys.twilio {
            printError("note: \(twilioVariable) not set; Twilio callbacks will get 401")
        }
        // Twilio signs the URL it posts to; any other than the one verified against fails every time.
        let twilioURL = keys.publicURL + "/webhooks/providers/twilio"
        if let statusCallback, statusCallback != twilioURL {
            printError("note: status_callback in channels/sms.yaml is not \(twilioURL); its callbacks will get 401")
        }
        return keys
    }
}
