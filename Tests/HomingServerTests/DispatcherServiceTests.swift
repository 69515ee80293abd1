import Foundation
import GRDB
import HomingConfig
import HomingCore
import HomingEngine
import HomingServer
import HomingStore
import HomingTemplates
import HomingTestSupport
import Logging
import ServiceLifecycle
import Testing

/// The dispatcher inside `homing serve` outlives a store error: another process holding the
/// write lock past the busy timeout stops it for a moment, not the server.
@Suite struct DispatcherServiceTests {
    @Test func aStoreLockedByAnotherProcessRestartsTheDispatcherInsteadOfEndingTheServer() async throws {
        let directory = try TemporaryDirectory()
        let store = try SQLiteStore(
            path: directory.url.appendingPathComponent("homing.db").path,
            busyTimeout: .milliseconds(100)
        )
        let config = try ConfigDirectory.load(path: RepositoryPaths.config.path)
        let context = ServerContext(
            store: store,
            linkSecret: Array("secret".utf8),
            defaultLocale: try LocaleTag(parsing: "en")
        )
        let lines = LogLines()
        let service = DispatcherService(
            dispatcher: try Self.dispatcher(store: store, journeys: config.journeys),
            context: context,
            logger: Logger(label: "test") { _ in lines.handler },
            restartDelay: .milliseconds(20)
        )
        let group = ServiceGroup(services: [service], logger: Logger(label: "test"))
        let running = Task { try await group.run() }
        defer { running.cancel() }

        var configuration = Configuration()
        configuration.allowsUnsafeTransactions = true  // the lock outlives one database access
        let other = try DatabaseQueue(path: store.path, configuration: configuration)
        try await other.writeWithoutTransaction { try $0.execute(sql: "BEGIN EXCLUSIVE") }
        let failed = await Self.eventually { lines.all.contains { $0.level == .error } }
        #expect(failed, "the dispatcher never hit the lock")
        #expect(lines.all.first { $0.level == .error }?.message.contains("database is locked") == true)

        try await other.writeWithoutTransaction { try $0.execute(sql: "COMMIT") }
        let errorsAtRelease = lines.all.count { $0.level == .error }
        // Running again, and no longer failing: the service came back instead of ending the group.
        #expect(await Self.eventually { context.dispatcherRunning })
        try await Task.sleep(for: .milliseconds(300))
        #expect(context.dispatcherRunning)
        #expect(lines.all.count { $0.level == .error } <= errorsAtRelease + 1)
        await group.triggerGracefulShutdown()
        try await running.value
        #expect(!context.dispatcherRunning)
    }

    /// Polls `condition` for up to about 10 s; the store's busy timeout is 100 ms.
    static func eventually(_ condition: () -> Bool) async -> Bool {
        for _ in 0..<1000 {
            if condition() { return true }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return condition()
    }

    static func dispatcher(store: SQLiteStore, journeys: [JourneyDefinition]) throws -> Dispatcher {
        let english = try LocaleTag(parsing: "en")
        let catalog = try TemplateCatalog(
            directory: RepositoryPaths.root.appendingPathComponent("templates").path,
            defaultLocale: english
        )
        let profile = MessageProfile(
            shop: .init(
                name: "Shop",
                url: "https://shop.example",
                postalAddress: "1 Rue",
                supportEmail: "h@shop.example"
            ),
            publicURL: "http://127.0.0.1:8080",
            linkSecret: Array("test-link-secret".utf8),
            defaultLocale: english,
            defaultTimeZone: "UTC"
        )
        var configuration = DispatcherConfiguration()
        configuration.pollInterval = .milliseconds(10)
        return Dispatcher(
            planner: JourneyPlanner(store: store, journeys: journeys, defaultTimeZone: "UTC"),
            composer: MessageComposer(renderer: MessageRenderer(catalog: catalog), profile: profile, store: store),
            adapters: [:],
            rules: DeliveryRules(),
            configuration: configuration
        )
    }
}
