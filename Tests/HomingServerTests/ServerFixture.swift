import Crypto
import Foundation
import HomingChannels
import HomingConfig
import HomingCore
import HomingEngine
import HomingServer
import HomingStore
import HomingTestSupport
import Logging
import ServiceLifecycle

/// `homing serve`'s HTTP surface running in-process on a loopback port, over a real SQLite file
/// with the shipped journeys, its own ``ServerMetrics``, and a libcurl client to call it. Provider
/// callbacks are refused unless `providerCallbacks` configures them (see `ServerFixture+Callbacks.swift`).
///
/// ```swift
/// let server = try await ServerFixture.start()
/// defer { server.stop() }
/// let answer = try await server.postShopify(ShopifyPayload.order(id: 1001))
/// let scrape = try await server.get("/metrics")
/// ```
final class ServerFixture: Sendable {
    static let shopifySecret = "shopify-test-secret-ünïcode"
    static let eventsSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"

    let directory: TemporaryDirectory
    let store: SQLiteStore
    let metrics: ServerMetrics
    let base: String
    let transport: Transport
    private let group: ServiceGroup

    private init(
        directory: TemporaryDirectory,
        store: SQLiteStore,
        metrics: ServerMetrics,
        base: String,
        transport: Transport,
        group: ServiceGroup
    ) {
        self.directory = directory
        self.store = store
        self.metrics = metrics
        self.base = base
        self.transport = transport
        self.group = group
    }

    /// Starts a server; its access lines go to `logger` (nowhere by default). Its store waits
    /// `busyTimeout` for another process's write lock before failing.
    static func start(
        bodyLimit: Int = InboundBody.defaultLimit,
        busyTimeout: Duration = .seconds(30),
        providerCallbacks: ProviderCallbackKeys = .unconfigured,
        logger: Logger = Logger(label: "server-fixture", factory: { _ in SwiftLogNoOpLogHandler() })
    ) async throws -> ServerFixture {
        let directory = try TemporaryDirectory()
        let store = try SQLiteStore(
            path: directory.url.appendingPathComponent("homing.db").path,
            busyTimeout: busyTimeout
        )
        let config = try ConfigDirectory.load(path: RepositoryPaths.config.path)
        let planner = JourneyPlanner(store: store, journeys: config.journeys, defaultTimeZone: "UTC")
        let metrics = ServerMetrics(store: store)
        let context = ServerContext(
            store: store,
            linkSecret: Array("server-fixture-link-secret".utf8),
            defaultLocale: config.settings.defaultLocale,
            webhookObserver: metrics,
            bodyLimit: bodyLimit,
            intake: WebhookIntake(
                ingestor: EventIngestor(store: store, planner: planner),
                rates: config.settings.rates,
                shopify: ShopifySignature(secrets: [shopifySecret]),
                events: try WebhookSigner(secret: eventsSecret)
            ),
            providerCallbacks: providerCallbacks
        )
        let (ports, announce) = AsyncStream.makeStream(of: Int.self)
        let app = HomingHTTPServer.application(
            context: context,
            host: "127.0.0.1",
            port: 0,
            metrics: metrics,
            logger: logger
        ) { port in announce.yield(port) }
        let group = ServiceGroup(services: [app], logger: Logger(label: "server-fixture"))
        Task { try await group.run() }
        var port = 0
        for await announced in ports {
            port = announced
            break
        }
        return ServerFixture(
            directory: directory,
            store: store,
            metrics: metrics,
            base: "http://127.0.0.1:\(port)",
            transport: try Transport(),
            group: group
        )
    }

    /// Graceful shutdown, as on SIGTERM: stop accepting, finish requests.
    func stop() { Task { [group] in await group.triggerGracefulShutdown() } }

    func get(_ path: String, headers: HTTPHeaders = [:]) async throws -> HTTPResponse {
        try await transport.send(HTTPRequest(method: .get, url: base + path, headers: headers, body: ""))
    }

    /// POSTs a Shopify order webhook, signed with the shop's secret unless `hmac` is given.
    func postShopify(
        _ body: String,
        eventID: String? = UUID().uuidString,
        topic: String = "orders/paid",
        hmac: String? = nil,
        contentType: String = "application/json"
    ) async throws -> HTTPResponse {
        var headers: HTTPHeaders = [
            "Content-Type": contentType,
            "X-Shopify-Topic": topic,
            "X-Shopify-Hmac-Sha256": hmac ?? Self.shopifyHMAC(body),
            "X-Shopify-Shop-Domain": "example.myshopify.com",
        ]
        if let eventID { headers.set("X-Shopify-Event-Id", eventID) }
        return try await transport.send(
            HTTPRequest(method: .post, url: base + "/webhooks/shopify/orders", headers: headers, body: body)
        )
    }

    static func shopifyHMAC(_ body: String) -> String {
        let code = HMAC<SHA256>.authenticationCode(
            for: Array(body.utf8),
            using: SymmetricKey(data: Array(shopifySecret.utf8))
        )
        return Data(code).base64EncodedString()
    }

    /// POSTs a Standard Webhooks event signed now, unless `signature` or `timestamp` say otherwise.
    func postEvent(
        _ body: String,
        id: String = "msg_" + UUID().uuidString,
        timestamp: Int64 = Int64(Date().timeIntervalSince1970),
        signature: String? = nil
    ) async throws -> HTTPResponse {
        let signer = try WebhookSigner(secret: Self.eventsSecret)
        let headers: HTTPHeaders = [
            "Content-Type": "application/json",
            "webhook-id": id,
            "webhook-timestamp": String(timestamp),
            "webhook-signature": signature ?? signer.signature(id: id, timestamp: timestamp, body: Array(body.utf8)),
        ]
        return try await transport.send(
            HTTPRequest(method: .post, url: base + "/webhooks/events", headers: headers, body: body)
        )
    }
}
