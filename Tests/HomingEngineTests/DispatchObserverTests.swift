import HomingCore
import HomingEngine
import HomingStore
import HomingTestSupport
import Synchronization
import Testing

/// The dispatcher tells its ``DispatchObserver`` every outcome once it is durable, with a latency
/// only for rows that were actually sent.
@Suite struct DispatchObserverTests {
    @Test func everyRecordedOutcomeIsReportedOnceWithLatencyOnlyForSends() async throws {
        let shop = try EngineFixture(customers: [
            "c1,ann@example.com,,,Ann,,en,,,,true,false,false",
            "c2,bob@example.com,,,Bob,,en,,,,false,false,false",
        ])
        let journey = try shop.journey(DispatchTests.miss)
        try shop.launch(journey)
        let (server, transport) = try provider()
        let observer = CollectingObserver(store: shop.store)
        let dispatcher = try shop.dispatcher(
            [journey],
            adapters: [.email: try sendGrid(server, transport, clock: shop.clock)],
            observer: observer
        )
        _ = try await dispatcher.run(untilIdle: true)

        let outcomes = observer.outcomes.sorted { $0.state.rawValue < $1.state.rawValue }
        #expect(outcomes.map(\.state) == [.sent, .skipped], "Bob gave no email consent: skipped, not sent")
        #expect(outcomes.allSatisfy { $0.channel == "email" })
        let sent = try #require(outcomes.first)
        #expect(try #require(sent.latency) > .zero)
        #expect(outcomes.last?.latency == nil, "a row settled without a send has no latency")
        // Reported after the commit: when told, the store already held no claimed or scheduled row.
        #expect(observer.unsettledWhenTold == 0)
    }
}

/// Keeps every outcome, and how many rows were still unsettled in the store at the last report.
private final class CollectingObserver: DispatchObserver {
    let store: any JourneyStore
    private let collected = Mutex<(outcomes: [DispatchOutcome], unsettled: Int)>(([], -1))

    init(store: any JourneyStore) { self.store = store }

    var outcomes: [DispatchOutcome] { collected.withLock { $0.outcomes } }
    var unsettledWhenTold: Int { collected.withLock { $0.unsettled } }

    func committed(_ outcomes: [DispatchOutcome]) {
        let depth = (try? store.outboxDepth()) ?? [:]
        let unsettled = (depth[.scheduled] ?? -1) + (depth[.claimed] ?? -1)
        collected.withLock { $0 = ($0.outcomes + outcomes, unsettled) }
    }
}
