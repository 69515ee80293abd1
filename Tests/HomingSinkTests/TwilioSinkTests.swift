import Foundation
import HomingChannels
import HomingCore
import HomingSink
import Testing

/// TwilioAdapter delivering to the sink over libcurl: Twilio's answers and the recorded line.
@Suite struct TwilioSinkTests {
    static let message = OutgoingMessage(
        recipient: "+8613800138000",
        idempotencyKey: "msg_twilio_1",
        payload: .text("你好，欢迎回来! 50% off & more=yes")
    )

    @Test func deliversAndRecordsRecipientBodyAndKey() async throws {
        let fixture = try await SinkFixture()
        let outcome = try await fixture.twilio().deliver(Self.message)
        guard case .delivered(let sid) = outcome else {
            Issue.record("expected delivered, got \(outcome)")
            return
        }
        #expect(sid?.hasPrefix("SM") == true && sid?.count == 34)

        let records = try await fixture.stopAndReadRecords()
        let record = try #require(records.first)
        #expect(records.count == 1)
        #expect(record["channel"] as? String == "sms")
        #expect(record["provider"] as? String == "twilio")
        #expect(record["recipient"] as? String == "+8613800138000")
        #expect(record["body"] as? String == "你好，欢迎回来! 50% off & more=yes")
        #expect(record["idempotency_key"] as? String == "msg_twilio_1")
        #expect(record["status"] as? Int == 201)
        #expect((record["headers"] as? [String: String])?["authorization"] == nil)
    }

    @Test func rejectedNumberIsAnInvalidRecipient() async throws {
        let fixture = try await SinkFixture(faults: SinkFaults(rejectRecipients: try RecipientPattern(#"^\+86"#)))
        let outcome = try await fixture.twilio().deliver(Self.message)
        guard case .invalidRecipient(let reason) = outcome else {
            Issue.record("expected invalidRecipient, got \(outcome)")
            return
        }
        #expect(reason.contains("21211"))
        #expect(reason.contains("+8613800138000"))
        let records = try await fixture.stopAndReadRecords()
        #expect(records.map { $0["outcome"] as? String } == ["rejected"])
    }

    @Test func missingToGetsTwilios21604() async throws {
        let fixture = try await SinkFixture()
        let response = try await fixture.post(
            "/2010-04-01/Accounts/AC1/Messages.json",
            "Body=hi",
            headers: ["Content-Type": "application/x-www-form-urlencoded"]
        )
        #expect(response.status == 400)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])
        #expect(json["code"] as? Int == 21604)
        _ = try await fixture.stopAndReadRecords()
    }
}
