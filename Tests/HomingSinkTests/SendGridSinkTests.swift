import Foundation
import HomingChannels
import HomingCore
import HomingSink
import Testing

/// SendGridAdapter delivering to the sink over libcurl: SendGrid's answers and the recorded line.
@Suite struct SendGridSinkTests {
    static let message = OutgoingMessage(
        recipient: "ana@example.com",
        idempotencyKey: "msg_sendgrid_1",
        payload: .email(subject: "Wir vermissen dich 💌", text: "Komm zurück", html: "<p>Komm zurück</p>")
    )

    @Test func deliversAndRecordsRecipientSubjectAndKey() async throws {
        let fixture = try await SinkFixture()
        let outcome = try await fixture.sendGrid().deliver(Self.message)
        guard case .delivered(let id) = outcome else {
            Issue.record("expected delivered, got \(outcome)")
            return
        }
        #expect(id?.hasPrefix("sink-sendgrid-") == true)
        #expect(fixture.sink.acceptedCount == 1)

        let records = try await fixture.stopAndReadRecords()
        #expect(records.count == 1)
        let record = try #require(records.first)
        #expect(record["channel"] as? String == "email")
        #expect(record["provider"] as? String == "sendgrid")
        #expect(record["recipient"] as? String == "ana@example.com")
        #expect(record["subject"] as? String == "Wir vermissen dich 💌")
        #expect(record["idempotency_key"] as? String == "msg_sendgrid_1")
        #expect(record["status"] as? Int == 202)
        #expect(record["outcome"] as? String == "accepted")
        let headers = try #require(record["headers"] as? [String: String])
        #expect(headers["content-type"] == "application/json")
        #expect(headers["authorization"] == nil, "credentials never reach the file")
        let stamp = try #require(record["received_at"] as? String)
        #expect(stamp.count == 24 && stamp.hasSuffix("Z"), "ISO 8601 with milliseconds: \(stamp)")
    }

    /// SendGrid's 400 naming the recipient's field is an invalid recipient, with SendGrid's message.
    @Test func rejectedRecipientIsSendGridsBadAddressAnswer() async throws {
        let faults = SinkFaults(rejectRecipients: try RecipientPattern("^ana@"))
        let fixture = try await SinkFixture(faults: faults)
        let outcome = try await fixture.sendGrid().deliver(Self.message)
        guard case .invalidRecipient(let reason) = outcome else {
            Issue.record("expected invalidRecipient, got \(outcome)")
            return
        }
        #expect(reason.hasPrefix("SendGrid 400"))
        #expect(reason.contains("Does not contain a valid address."))
        #expect(reason.contains("personalizations.0.to.0.email"))
        #expect(fixture.sink.acceptedCount == 0)
        let records = try await fixture.stopAndReadRecords()
        #expect(records.map { $0["outcome"] as? String } == ["rejected"])
        #expect(records.first?["status"] as? Int == 400)
    }

    @Test func malformedBodyGetsSendGridsErrorFormat() async throws {
        let fixture = try await SinkFixture()
        let response = try await fixture.post(
            "/v3/mail/send",
            "{not json",
            headers: ["Content-Type": "application/json"]
        )
        #expect(response.status == 400)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])
        let errors = try #require(json["errors"] as? [[String: Any]])
        #expect(errors.first?["field"] as? String == "personalizations")
        let records = try await fixture.stopAndReadRecords()
        #expect(records.map { $0["outcome"] as? String } == ["malformed"])
    }
}
