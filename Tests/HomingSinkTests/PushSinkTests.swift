import Foundation
import HomingChannels
import HomingSink
import Testing

/// FCM v1, its OAuth token endpoint, and APNs, in the providers' request and response shapes.
@Suite struct PushSinkTests {
    static let fcmBody = """
        {"message":{"token":"fcm-token-1","notification":{"title":"We miss you","body":"15% off"},\
        "data":{"journey":"win-back","homing_key":"msg_fcm_1"}}}
        """
    static let apnsBody = #"{"aps":{"alert":{"title":"We miss you","body":"15% off"}},"homing_key":"msg_apns_1"}"#

    func json(_ response: HTTPResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])
    }

    @Test func fcmAnswersWithTheMessageNameAndRecordsTheKey() async throws {
        let fixture = try await SinkFixture()
        let response = try await fixture.post("/v1/projects/shop-app/messages:send", Self.fcmBody)
        #expect(response.status == 200)
        #expect((try json(response)["name"] as? String)?.hasPrefix("projects/shop-app/messages/") == true)

        let record = try #require(try await fixture.stopAndReadRecords().first)
        #expect(record["provider"] as? String == "fcm")
        #expect(record["channel"] as? String == "push")
        #expect(record["recipient"] as? String == "fcm-token-1")
        #expect(record["title"] as? String == "We miss you")
        #expect(record["body"] as? String == "15% off")
        #expect(record["idempotency_key"] as? String == "msg_fcm_1")
    }

    @Test func fcmRejectedTokenIsUnregistered() async throws {
        let fixture = try await SinkFixture(faults: SinkFaults(rejectRecipients: try RecipientPattern("^fcm-token")))
        let response = try await fixture.post("/v1/projects/shop-app/messages:send", Self.fcmBody)
        #expect(response.status == 404)
        let error = try #require(try json(response)["error"] as? [String: Any])
        #expect(error["status"] as? String == "NOT_FOUND")
        let details = try #require(error["details"] as? [[String: Any]])
        #expect(details.first?["errorCode"] as? String == "UNREGISTERED")
        _ = try await fixture.stopAndReadRecords()
    }

    @Test func tokenEndpointGrantsABearerTokenWithoutRecording() async throws {
        let fixture = try await SinkFixture()
        let form = "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=eyJhbGciOi.x.y"
        let response = try await fixture.post("/token", form)
        #expect(response.status == 200)
        let token = try json(response)
        #expect((token["access_token"] as? String)?.hasPrefix("sink-") == true)
        #expect(token["expires_in"] as? Int == 3599)
        #expect(token["token_type"] as? String == "Bearer")
        let wrongGrant = try await fixture.post("/token", "grant_type=password&assertion=x")
        #expect(wrongGrant.status == 400)
        #expect(try json(wrongGrant)["error"] as? String == "unsupported_grant_type")
        #expect(try await fixture.stopAndReadRecords().isEmpty)
    }

    @Test func apnsAnswersWithApnsIDAndRecordsTheAlert() async throws {
        let fixture = try await SinkFixture()
        let response = try await fixture.post("/3/device/a1b2c3", Self.apnsBody, headers: ["apns-id": "ID-1"])
        #expect(response.status == 200)
        #expect(response.headers["apns-id"] == "ID-1")

        let record = try #require(try await fixture.stopAndReadRecords().first)
        #expect(record["provider"] as? String == "apns")
        #expect(record["recipient"] as? String == "a1b2c3")
        #expect(record["title"] as? String == "We miss you")
        #expect(record["idempotency_key"] as? String == "msg_apns_1")
    }

    @Test func apnsRejectedTokenIsBadDeviceTokenAndMalformedIsNotACrash() async throws {
        let fixture = try await SinkFixture(faults: SinkFaults(rejectRecipients: try RecipientPattern("^dead")))
        let rejected = try await fixture.post("/3/device/deadbeef", Self.apnsBody)
        #expect(rejected.status == 400)
        #expect(try json(rejected)["reason"] as? String == "BadDeviceToken")
        let malformed = try await fixture.post("/3/device/a1b2c3", "]]")
        #expect(malformed.status == 400)
        let records = try await fixture.stopAndReadRecords()
        #expect(records.map { $0["outcome"] as? String } == ["rejected", "malformed"])
    }
}
