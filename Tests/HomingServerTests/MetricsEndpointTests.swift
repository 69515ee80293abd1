import Foundation
import HomingChannels
import HomingCore
import HomingEngine
import HomingServer
import HomingStore
import HomingTestSupport
import Testing

/// `GET /metrics` over loopback: webhook counters fed by real webhook requests, delivery counters
/// and latency from the dispatcher's observer, and the outbox depth read from the store at scrape
/// time.
@Suite struct MetricsEndpointTests {
    @Test func outboxDepthCountsRowsByStateAtScrapeTime() async throws {
        let server = try await ServerFixture.start()
        defer { server.stop() }
        // Four paid orders from four customers: four post-purchase messages, scheduled.
        for index in 0..<4 {
            let body = ShopifyOrderWebhookTests.order(id: 1000 + Int64(index), customer: 2000 + Int64(index))
            #expect(try await server.postShopify(body).status == 200)
        }
        // Two claimed, one of which is then recorded as sent: scheduled 2, claimed 1, sent 1.
        let later = Instant.now.adding(days: 30)
        let claimed = try server.store.claimDue(now: later, limit: 2, lease: .seconds(60), worker: "test")
        try #require(claimed.count == 2)
        try server.store.record(
            [
                DeliveryRecord(
                    outboxID: claimed[0].id,
                    channel: "email",
                    result: .sent(providerMessageID: nil, locale: "en")
                )
            ],
            worker: "test",
            now: later
        )
        let scrape = try await server.get("/metrics")
        #expect(scrape.status == 200)
        #expect(scrape.headers["Content-Type"]?.hasPrefix("text/plain; version=0.0.4") == true)
        let text = Exposition(text: scrape.bodyText)
        #expect(text.value(#"homing_outbox_depth{state="scheduled"}"#) == 2, "\(text.text)")
        #expect(text.value(#"homing_outbox_depth{state="claimed"}"#) == 1)
        #expect(text.value(#"homing_outbox_depth{state="sent"}"#) == 1)
        #expect(text.value(#"homing_outbox_depth{state="dead"}"#) == 0)

        // Read again at the next scrape, not cached.
        try server.store.record(
            [DeliveryRecord(outboxID: claimed[1].id, channel: "email", result: .dead(reason: "test"))],
            worker: "test",
            now: later
        )
        let next = Exposition(text: try await server.get("/metrics").bodyText)
        #expect(next.value(#"homing_outbox_depth{state="claimed"}"#) == 0, "\(next.text)")
        #expect(next.value(#"homing_outbox_depth{state="dead"}"#) == 1)
    }

    @Test func inboundWebhooksAreCountedBySourceAndRejectionsByReason() async throws {
        let server = try await ServerFixture.start()
        defer { server.stop() }
        let order = ShopifyOrderWebhookTests.order()
        #expect(try await server.postShopify(order, eventID: "evt-1").status == 200)
        #expect(try await server.postShopify(order, eventID: "evt-1").bodyText == #"{"duplicate":true}"#)
        #expect(try await server.postShopify(order, hmac: "bm90IGl0").status == 401)
        #expect(try await server.postShopify(order, topic: "customers/create").status == 400)
        let now = Int64(Date().timeIntervalSince1970)
        #expect(try await server.postEvent(SignedEventWebhookTests.created, timestamp: now - 3600).status == 401)
        let badEmail = #"{"type":"customer.created","data":{"customer_id":"x","email":"x@"}}"#
        #expect(try await server.postEvent(badEmail).status == 400)

        let text = Exposition(text: try await server.get("/metrics").bodyText)
        #expect(text.value(#"homing_webhooks_received_total{source="shopify"}"#) == 4, "\(text.text)")
        #expect(text.value(#"homing_webhooks_received_total{source="events"}"#) == 2)
        #expect(text.value(#"homing_webhooks_duplicate_total{source="shopify"}"#) == 1)
        #expect(text.value(#"homing_webhooks_rejected_total{source="shopify",reason="signature"}"#) == 1)
        #expect(text.value(#"homing_webhooks_rejected_total{source="shopify",reason="unknown_type"}"#) == 1)
        #expect(text.value(#"homing_webhooks_rejected_total{source="events",reason="stale"}"#) == 1)
        #expect(text.value(#"homing_webhooks_rejected_total{source="events",reason="invalid"}"#) == 1)
        #expect(text.text.contains("# TYPE homing_webhooks_received_total counter"))
    }

    @Test func committedOutcomesCountByStateAndChannelAndSendsFeedTheLatencyHistogram() async throws {
        let server = try await ServerFixture.start()
        defer { server.stop() }
        server.metrics.committed([
            DispatchOutcome(channel: "email", state: .sent, latency: .milliseconds(30)),
            DispatchOutcome(channel: "email", state: .sent, latency: .milliseconds(700)),
            DispatchOutcome(channel: "sms", state: .retry, latency: .milliseconds(3)),
            DispatchOutcome(channel: "email", state: .skipped, latency: nil),
        ])
        let text = Exposition(text: try await server.get("/metrics").bodyText)
        #expect(text.value(#"homing_deliveries_total{state="sent",channel="email"}"#) == 2, "\(text.text)")
        #expect(text.value(#"homing_deliveries_total{state="retry",channel="sms"}"#) == 1)
        #expect(text.value(#"homing_deliveries_total{state="skipped",channel="email"}"#) == 1)
        #expect(text.text.contains("# TYPE homing_dispatch_latency_seconds histogram"))
        // The skipped row had no send: two email latencies, one under 50 ms, both under 1 s.
        #expect(text.value(#"homing_dispatch_latency_seconds_count{channel="email"}"#) == 2)
        #expect(text.value(#"homing_dispatch_latency_seconds_bucket{channel="email",le="0.05"}"#) == 1)
        #expect(text.value(#"homing_dispatch_latency_seconds_bucket{channel="email",le="1.0"}"#) == 2)
        #expect(text.value(#"homing_dispatch_latency_seconds_bucket{channel="sms",le="0.005"}"#) == 1)
    }

    @Test func twoServersInOneProcessKeepTheirOwnCounts() async throws {
        let first = try await ServerFixture.start()
        defer { first.stop() }
        let second = try await ServerFixture.start()
        defer { second.stop() }
        #expect(try await first.postShopify(ShopifyOrderWebhookTests.order()).status == 200)
        let counted = Exposition(text: try await first.get("/metrics").bodyText)
        #expect(counted.value(#"homing_webhooks_received_total{source="shopify"}"#) == 1)
        let text = try await second.get("/metrics").bodyText
        #expect(!text.contains("homing_webhooks_received_total"), "\(text)")
    }
}
