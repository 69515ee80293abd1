import Foundation
import HomingChannels
import HomingConfig
import HomingCore
import HomingEngine
import HomingStore
import HomingTemplates
import HomingTestSupport
import Synchronization

/// A real SQLite store with a few customers, the shipped templates, and a clock the test moves.
///
/// ```swift
/// let shop = try EngineFixture(customers: ["c1,ann@example.com,,,Ann,,en,Europe/Paris,FR,,true,false,false"])
/// let journey = try shop.journey("id: demo\nentry: manual\nsteps:\n  - send: welcome\n")
/// try shop.launch(journey)
/// ```
final class EngineFixture: Sendable {
    let directory: TemporaryDirectory
    let store: SQLiteStore
    let clock = TestClock(Instant(millisecondsSince1970: 1_793_000_000_000))  // 2026-10-26T…Z

    static let customersHeader =
        "customer_id,email,phone,push_token,first_name,last_name,locale,timezone,country,signup_at,"
        + "consent_email,consent_sms,consent_push"
    static let ordersHeader = "order_id,customer_id,ordered_at,amount,currency,status,items,promo_code"

    init(customers: [String]) throws {
        directory = try TemporaryDirectory()
        store = try SQLiteStore(path: directory.url.appendingPathComponent("homing.db").path)
        try importCSV(Self.customersHeader + "\n" + customers.joined(separator: "\n") + "\n", kind: .customers)
    }

    func importOrders(_ rows: [String]) throws {
        let rates = try ConfigDirectory.load(path: RepositoryPaths.config.path).settings.rates
        try importCSV(Self.ordersHeader + "\n" + rows.joined(separator: "\n") + "\n", kind: .orders(rates))
    }

    private func importCSV(_ text: String, kind: ImportOptions.Kind) throws {
        let file = directory.url.appendingPathComponent("import-\(UUID().uuidString).csv").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: file))
        _ = try CSVImporter(store: store).run(
            input: InputFile(path: file),
            options: ImportOptions(kind: kind, skipInvalid: false, rejectsPath: file + ".rejects.csv")
        )
    }

    func journey(_ yaml: String) throws -> JourneyDefinition {
        let id = yaml.split(separator: "\n").first { $0.hasPrefix("id: ") }.map { String($0.dropFirst(4)) } ?? "x"
        return try JourneyFile(yaml: yaml, file: "\(id).yaml").definition
    }

    func planner(_ journeys: [JourneyDefinition]) -> JourneyPlanner {
        JourneyPlanner(store: store, journeys: journeys, defaultTimeZone: "UTC")
    }

    /// Enrols every customer (or those in `segments`) in `journey` at the fixture's clock.
    @discardableResult
    func launch(_ journey: JourneyDefinition, also others: [JourneyDefinition] = []) throws -> LaunchSummary {
        let candidates = try store.recipients(inSegments: nil).map { JourneyPlanner.Candidate(recipient: $0) }
        return try planner([journey] + others).enrol(journey, candidates: candidates, now: clock.now, dryRun: false)
    }

    func dispatcher(
        _ journeys: [JourneyDefinition],
        adapters: [DeliveryChannel: any ChannelAdapter],
        rules: DeliveryRules = DeliveryRules(),
        observer: any DispatchObserver = IgnoringDispatchObserver()
    ) throws -> Dispatcher {
        let catalog = try TemplateCatalog(
            directory: RepositoryPaths.root.appendingPathComponent("templates").path,
            defaultLocale: try LocaleTag(parsing: "en")
        )
        let profile = MessageProfile(
            shop: .init(
                name: "Test Shop",
                url: "https://shop.example",
                postalAddress: "1 Rue",
                supportEmail: "help@shop.example"
            ),
            publicURL: "http://127.0.0.1:8080",
            linkSecret: Array("test-link-secret-0123456789".utf8),
            defaultLocale: try LocaleTag(parsing: "en"),
            defaultTimeZone: "UTC"
        )
        var configuration = DispatcherConfiguration()
        configuration.concurrency = 8
        configuration.pollInterval = .milliseconds(10)
        configuration.idleHorizon = .zero
        configuration.observer = observer
        let clock = self.clock
        return Dispatcher(
            planner: planner(journeys),
            composer: MessageComposer(renderer: MessageRenderer(catalog: catalog), profile: profile, store: store),
            adapters: adapters,
            rules: rules,
            configuration: configuration,
            clock: { clock.now }
        )
    }

    func outbox() throws -> [OutboxEntry] { try store.outboxEntries() }
}

/// A clock tests set and move by hand.
final class TestClock: Sendable {
    private let instant: Mutex<Instant>

    init(_ start: Instant) { instant = Mutex(start) }

    var now: Instant { instant.withLock { $0 } }

    func set(_ value: Instant) { instant.withLock { $0 = value } }

    func advance(seconds: Int64) { instant.withLock { $0 = $0.adding(seconds: seconds) } }
}

/// An HTTP server on loopback answering like a provider, for the adapters under test.
func provider(
    _ handler: @escaping @Sendable (LoopbackHTTPServer.Request) -> LoopbackHTTPServer.Reply = { _ in
        .respond(status: 202)
    }
) throws -> (server: LoopbackHTTPServer, transport: Transport) {
    (try LoopbackHTTPServer(handler: handler), try Transport())
}

func sendGrid(_ server: LoopbackHTTPServer, _ transport: Transport, clock: TestClock) throws -> SendGridAdapter {
    try SendGridAdapter(
        configuration: SendGridConfiguration(
            baseURL: "http://127.0.0.1:\(server.port)",
            apiKeyVariable: "KEY",
            fromEmail: "help@shop.example"
        ),
        transport: transport,
        environment: ["KEY": "SG.test"],
        clock: { clock.now }
    )
}

func twilio(_ server: LoopbackHTTPServer, _ transport: Transport, clock: TestClock) throws -> TwilioAdapter {
    try TwilioAdapter(
        configuration: TwilioConfiguration(
            baseURL: "http://127.0.0.1:\(server.port)",
            accountSID: "AC1",
            authTokenVariable: "TOKEN",
            sender: .from("+15005550006")
        ),
        transport: transport,
        environment: ["TOKEN": "t"],
        clock: { clock.now }
    )
}
