import Foundation
import HomingChannels
import HomingCore
import HomingEngine
import HomingStore
import HomingTestSupport
import Synchronization
import Testing

/// The dispatcher records outcomes in batches, one transaction per pass: what a crash can cost must
/// stay bounded by the concurrency, and a stop must record every send it started.
@Suite struct DispatchBatchingTests {
    static func customers(_ count: Int, consent: (Int) -> Bool = { _ in true }) -> [String] {
        (0..<count).map { "c\($0),c\($0)@example.com,,,Ann,,en,Europe/Paris,FR,,\(consent($0)),false,false" }
    }

    @Test func sendsNeverGetAheadOfTheirDurableOutcomesByMoreThanTheConcurrency() async throws {
        let shop = try EngineFixture(customers: Self.customers(300))
        let journey = try shop.journey(DispatchTests.miss)
        try shop.launch(journey)
        let store = shop.store
        // For each request: requests the provider has seen minus outcomes durable in the store, i.e.
        // what a crash at that moment would send again. Counted first and read after, so a handler
        // thread that stalls in between can only make the figure smaller, never larger.
        let ahead = Mutex<(seen: Int, most: Int)>((0, 0))
        let (server, transport) = try provider { _ in
            let seen = ahead.withLock { ahead in
                ahead.seen += 1
                return ahead.seen
            }
            let durable = (try? store.outboxDepth()[.sent]) ?? 0
            ahead.withLock { $0.most = max($0.most, seen - durable) }
            return .respond(status: 202)
        }
        let dispatcher = try shop.dispatcher(
            [journey],
            adapters: [.email: try sendGrid(server, transport, clock: shop.clock)]
        )
        let totals = try await dispatcher.run(untilIdle: true)

        #expect(totals.sent == 300)
        #expect(try shop.outbox().allSatisfy { $0.state == .sent })
        let keys = server.requests.compactMap(Self.homingKey)
        #expect(keys.count == 300 && Set(keys).count == 300, "each message sent once")
        let most = ahead.withLock { $0.most }
        #expect(
            most <= dispatcher.configuration.concurrency,
            "at most \(dispatcher.configuration.concurrency), saw \(most)"
        )
    }

    @Test func aStopRecordsEverySendItStartedAndLeavesNoClaimBehind() async throws {
        let shop = try EngineFixture(customers: Self.customers(400))
        let journey = try shop.journey(DispatchTests.miss)
        try shop.launch(journey)
        let running = Mutex<(dispatcher: Dispatcher?, seen: Int)>((nil, 0))
        let (server, transport) = try provider { _ in
            // The 50th request stops the run while others are in flight.
            let stopping = running.withLock { running in
                running.seen += 1
                return running.seen == 50 ? running.dispatcher : nil
            }
            stopping?.stop()
            return .respond(status: 202)
        }
        let dispatcher = try shop.dispatcher(
            [journey],
            adapters: [.email: try sendGrid(server, transport, clock: shop.clock)]
        )
        running.withLock { $0.dispatcher = dispatcher }
        let totals = try await dispatcher.run(untilIdle: true)

        let rows = try shop.outbox()
        let sent = Set(rows.filter { $0.state == .sent }.map(\.key))
        let requested = server.requests.compactMap(Self.homingKey)
        #expect(Set(requested) == sent, "every request the provider saw is recorded as sent")
        #expect(requested.count == totals.sent)
        #expect(totals.sent >= 50 && totals.sent < 400)
        #expect(rows.allSatisfy { $0.state == .sent || $0.state == .scheduled }, "no claim outlives the stop")
    }

    @Test func refusalsAndSendsOfOneClaimAreAllRecordedAndReportedOnce() async throws {
        let shop = try EngineFixture(customers: Self.customers(60) { $0 % 3 != 0 })
        let journey = try shop.journey(DispatchTests.miss)
        try shop.launch(journey)
        let observer = CollectingObserver()
        let (server, transport) = try provider()
        let dispatcher = try shop.dispatcher(
            [journey],
            adapters: [.email: try sendGrid(server, transport, clock: shop.clock)],
            observer: observer
        )
        let totals = try await dispatcher.run(untilIdle: true)

        #expect(totals.sent == 40 && totals.skipped == 20)
        #expect(server.requests.count == 40)
        let rows = try shop.outbox()
        #expect(rows.filter { $0.state == .skipped }.allSatisfy { $0.reason == "no email consent" })
        let outcomes = observer.outcomes
        #expect(outcomes.count == 60)
        #expect(outcomes.filter { $0.state == .sent }.allSatisfy { $0.latency != nil })
        #expect(outcomes.filter { $0.state == .skipped }.allSatisfy { $0.latency == nil })
    }

    static func homingKey(_ request: LoopbackHTTPServer.Request) -> String? {
        guard let body = try? JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any],
            let personalization = (body["personalizations"] as? [[String: Any]])?.first
        else { return nil }
        return (personalization["custom_args"] as? [String: String])?["homing_key"]
    }
}

/// Keeps every outcome the dispatcher reports.
private final class CollectingObserver: DispatchObserver {
    private let kept = Mutex<[DispatchOutcome]>([])

    var outcomes: [DispatchOutcome] { kept.withLock { $0 } }

    func committed(_ outcomes: [DispatchOutcome]) { kept.withLock { $0.append(contentsOf: outcomes) } }
}
