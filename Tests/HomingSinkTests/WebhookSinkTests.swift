import Foundation
import HomingChannels
import HomingCore
import HomingSink
import Testing

/// WebhookAdapter delivering to the sink: any POST with `webhook-id` is a webhook.
@Suite struct WebhookSinkTests {
    static let message = OutgoingMessage(
        recipient: "c_1042",
        idempotencyKey: "msg_webhook_1",
        payload: .fields(["event": "win_back", "customer_id": "c_1042"])
    )

    @Test func deliversAndRecordsPathBodyAndWebhookID() async throws {
        let fixture = try await SinkFixture()
        let outcome = try await fixture.webhook().deliver(Self.message)
        #expect(outcome == .delivered(providerMessageID: nil))

        let records = try await fixture.stopAndReadRecords()
        let record = try #require(records.first)
        #expect(record["channel"] as? String == "webhook")
        #expect(record["recipient"] as? String == "/hooks/shop")
        #expect(record["body"] as? String == #"{"customer_id":"c_1042","event":"win_back"}"#)
        #expect(record["idempotency_key"] as? String == "msg_webhook_1")
        let headers = try #require(record["headers"] as? [String: String])
        #expect(headers["webhook-signature"]?.hasPrefix("v1,") == true)
    }

    @Test func rejectedEndpointIsGone() async throws {
        let fixture = try await SinkFixture(faults: SinkFaults(rejectRecipients: try RecipientPattern("^/gone")))
        let outcome = try await fixture.webhook(path: "/gone/hook").deliver(Self.message)
        guard case .permanentFailure(let reason) = outcome else {
            Issue.record("expected permanentFailure, got \(outcome)")
            return
        }
        #expect(reason.hasPrefix("HTTP 410"))
        _ = try await fixture.stopAndReadRecords()
    }

    @Test func postWithoutWebhookIDIsNotFound() async throws {
        let fixture = try await SinkFixture()
        let response = try await fixture.post("/hooks/shop", "{}")
        #expect(response.status == 404)
        let records = try await fixture.stopAndReadRecords()
        #expect(records.isEmpty)
    }
}
