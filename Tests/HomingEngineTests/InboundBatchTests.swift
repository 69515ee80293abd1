import HomingConfig
import HomingCore
import HomingStore
import HomingTestSupport
import Testing

@testable import HomingEngine

/// A group commit's batch is applied without a savepoint per event; when one event fails, the
/// batch is re-run with a savepoint each, so that event fails alone and writes nothing while the
/// others of its batch are still stored.
@Suite struct InboundBatchTests {
    let shop: EngineFixture
    let planner: JourneyPlanner

    init() throws {
        shop = try EngineFixture(customers: ["c1,ann@example.com,,,Ann,,en,,FR,,true,false,false"])
        planner = shop.planner(try ConfigDirectory.load(path: RepositoryPaths.config.path).journeys)
    }

    /// A paid order of `customer`, optionally with the customer itself (a new one).
    func orderEvent(_ id: String, order: String, customer: String, newCustomer: Bool = false) throws -> InboundEvent {
        let rates = try ConfigDirectory.load(path: RepositoryPaths.config.path).settings.rates
        let orders = try OrderRowParser(header: OrderRowParser.columnNames, rates: rates)
        let row = try orders.parse(
            CSVRecord(line: 1, fields: [order, customer, "2026-10-25T09:00:00Z", "59.90", "EUR", "completed", "", ""])
        ).get()
        var change: CustomerChange?
        if newCustomer {
            let columns = ["customer_id", "email", "locale", "consent_email"]
            let parsed = try CustomerRowParser(header: columns)
                .parse(CSVRecord(line: 1, fields: [customer, "\(customer)@example.com", "fr", "true"])).get()
            change = CustomerChange(parsed, presentColumns: Set(columns))
        }
        return InboundEvent(
            source: "shopify",
            id: id,
            topic: "orders/paid",
            customer: change,
            order: row,
            triggers: [.orderCompleted]
        )
    }

    @Test func aFailingEventFailsAloneAndTheRestOfItsBatchIsStored() throws {
        let batch = [
            try orderEvent("evt-1", order: "o-1", customer: "c1"),
            try orderEvent("evt-bad", order: "o-bad", customer: "nobody"),
            try orderEvent("evt-2", order: "o-2", customer: "c2", newCustomer: true),
            try orderEvent("evt-1", order: "o-1", customer: "c1"),  // a redelivery inside the batch
        ]
        let results = try EventIngestor.write(batch, store: shop.store, planner: planner, now: shop.clock.now)

        #expect(results.count == 4)
        #expect(try results[0].get() == .applied(enrolled: 1, planned: 1))
        #expect(throws: InboundEventError.self) { try results[1].get() }
        #expect(try results[2].get() == .applied(enrolled: 1, planned: 1))
        #expect(try results[3].get() == .duplicate)
        #expect(try shop.store.order(id: "o-1") != nil)
        #expect(try shop.store.order(id: "o-2")?.customerID == "c2")
        #expect(try shop.store.order(id: "o-bad") == nil)
        #expect(try shop.store.customer(id: "nobody") == nil)
        #expect(try shop.store.outboxEntries(journey: "post-purchase").map(\.customerID).sorted() == ["c1", "c2"])
    }

    @Test func aFailedEventLeavesNoRecordSoItsRedeliveryIsApplied() throws {
        let bad = try orderEvent("evt-late", order: "o-3", customer: "c3")
        let first = try EventIngestor.write(
            [bad, try orderEvent("evt-4", order: "o-4", customer: "c1")],
            store: shop.store,
            planner: planner,
            now: shop.clock.now
        )
        #expect(throws: InboundEventError.self) { try first[0].get() }
        #expect(try first[1].get() == .applied(enrolled: 1, planned: 1))

        // Had the failed event's id been recorded, this would answer duplicate and store nothing.
        let fixed = try orderEvent("evt-late", order: "o-3", customer: "c3", newCustomer: true)
        let again = try EventIngestor.write([fixed], store: shop.store, planner: planner, now: shop.clock.now)
        #expect(try again[0].get() == .applied(enrolled: 1, planned: 1))
        #expect(try shop.store.order(id: "o-3")?.customerID == "c3")
    }

    @Test func concurrentCallersThroughTheIngestorEachGetTheirOwnResult() async throws {
        let ingestor = EventIngestor(store: shop.store, planner: planner, clock: { [shop] in shop.clock.now })
        var events = try (0..<30).map { try orderEvent("evt-\($0)", order: "o-\($0)", customer: "c1") }
        events.append(try orderEvent("evt-bad", order: "o-bad", customer: "nobody"))
        let results = await withTaskGroup(of: (String, Result<InboundResult, any Error>).self) { group in
            for event in events {
                group.addTask {
                    do { return (event.id, .success(try await ingestor.apply(event))) } catch {
                        return (event.id, .failure(error))
                    }
                }
            }
            return await group.reduce(into: [String: Result<InboundResult, any Error>]()) { $0[$1.0] = $1.1 }
        }
        #expect(throws: InboundEventError.self) { try results["evt-bad"]?.get() }
        for index in 0..<30 {
            #expect(try results["evt-\(index)"]?.get() == .applied(enrolled: 1, planned: 1))
        }
        #expect(try shop.store.outboxEntries(journey: "post-purchase").count == 30)
        #expect(try shop.store.order(id: "o-bad") == nil)
    }
}
