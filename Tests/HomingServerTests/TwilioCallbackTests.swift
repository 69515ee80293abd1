import Foundation
import HomingChannels
import HomingServer
import HomingStore
import Testing

/// `POST /webhooks/providers/twilio` over loopback into a real SQLite store: opt-out replies and
/// status callbacks, signed with the auth token over `shop.public_url` + the path.
@Suite struct TwilioCallbackTests {
    static let path = "/webhooks/providers/twilio"
    static let token = "twilio-test-auth-token"
    /// Configured with a trailing slash, which the signed URL must not get twice.
    static func keys() throws -> ProviderCallbackKeys {
        try ProviderCallbackKeys(
            publicURL: ServerFixture.publicURL + "/",
            environment: ["HOMING_TWILIO_AUTH_TOKEN": token],
            twilioAuthTokenVariable: "HOMING_TWILIO_AUTH_TOKEN"
        )
    }

    func post(
        _ server: ServerFixture,
        _ fields: [(name: String, value: String)],
        contentType: String? = "application/x-www-form-urlencoded",
        token: String = TwilioCallbackTests.token
    ) async throws -> HTTPResponse {
        let signature = TwilioSignature(authToken: token)
            .signature(url: ServerFixture.publicURL + Self.path, parameters: fields)
        return try await server.post(
            Self.path,
            contentType: contentType,
            headers: [(TwilioSignature.header, signature)],
            body: formBody(fields)
        )
    }

    static func inbound(_ body: String, from: String = "+33612345678") -> [(name: String, value: String)] {
        [
            ("MessageSid", "SMaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"), ("AccountSid", "AC00000000000000000000000000000000"),
            ("From", from), ("To", "+15005550006"), ("Body", body), ("NumMedia", "0"),
        ]
    }

    @Test(arguments: [" 退订 ", "arret", "ARRÊT", "Stop\n", "unsubscribe"])
    func anOptOutReplySuppressesThePhoneAndWithdrawsSMSConsentOfEveryoneWithIt(body: String) async throws {
        let server = try await ServerFixture.start(providerCallbacks: try Self.keys())
        defer { server.stop() }
        try server.seedSentMessages()
        let response = try await post(server, Self.inbound(body))
        #expect(response.status == 200)
        #expect(response.headers["Content-Type"] == "text/xml")
        #expect(response.bodyText.hasSuffix("<Response/>"))
        #expect(try server.store.isSuppressed(channel: "sms", address: "+33612345678"))
        #expect(try server.consent("c1") == .init(email: true, sms: false, push: false))
        #expect(try server.consent("c2") == .init(email: true, sms: false, push: false))
        #expect(try server.consent("c3")?.sms == true)
    }

    @Test func anyOtherReplyChangesNothing() async throws {
        let server = try await ServerFixture.start(providerCallbacks: try Self.keys())
        defer { server.stop() }
        try server.seedSentMessages()
        let response = try await post(server, Self.inbound("stop sending me the blue ones please"))
        #expect(response.status == 200)
        #expect(!(try server.store.isSuppressed(channel: "sms", address: "+33612345678")))
        #expect(try server.consent("c1")?.sms == true)
    }

    @Test func statusCallbacksRecordDeliveryAndUnreachableNumbersAreSuppressed() async throws {
        let server = try await ServerFixture.start(providerCallbacks: try Self.keys())
        defer { server.stop() }
        try server.seedSentMessages()
        let sid = ServerFixture.twilioMessageSID
        let sent = try await post(server, [("MessageSid", sid), ("MessageStatus", "sent"), ("To", "+33612345678")])
        #expect(sent.status == 200)
        #expect(try server.store.providerDelivery(outboxKey: ServerFixture.smsKey) == nil)
        _ = try await post(server, [("MessageSid", sid), ("MessageStatus", "delivered"), ("To", "+33612345678")])
        #expect(try server.store.providerDelivery(outboxKey: ServerFixture.smsKey)?.delivery == .delivered)
        let failed = try await post(
            server,
            [("MessageSid", sid), ("MessageStatus", "undelivered"), ("ErrorCode", "30005"), ("To", "+33612345678")]
        )
        #expect(failed.status == 200)
        #expect(try server.store.providerDelivery(outboxKey: ServerFixture.smsKey)?.delivery == .undelivered)
        #expect(try server.store.isSuppressed(channel: "sms", address: "+33612345678"))
        // A status callback is no opt-out: consent stays as it was.
        #expect(try server.consent("c1")?.sms == true)
    }

    @Test func aTransientErrorCodeDoesNotSuppress() async throws {
        let server = try await ServerFixture.start(providerCallbacks: try Self.keys())
        defer { server.stop() }
        try server.seedSentMessages()
        let sid = ServerFixture.twilioMessageSID
        _ = try await post(
            server,
            [("MessageSid", sid), ("MessageStatus", "failed"), ("ErrorCode", "30001"), ("To", "+33612345678")]
        )
        #expect(try server.store.providerDelivery(outboxKey: ServerFixture.smsKey)?.delivery == .failed)
        #expect(!(try server.store.isSuppressed(channel: "sms", address: "+33612345678")))
    }

    @Test func badSignaturesWrongTypesAndMissingFieldsAreRefused() async throws {
        let server = try await ServerFixture.start(providerCallbacks: try Self.keys())
        defer { server.stop() }
        try server.seedSentMessages()
        #expect(try await post(server, Self.inbound("STOP"), token: "another-token").status == 401)
        let unsigned = try await server.post(
            Self.path,
            contentType: "application/x-www-form-urlencoded",
            body: formBody(Self.inbound("STOP"))
        )
        #expect(unsigned.status == 401)
        #expect(try await post(server, Self.inbound("STOP"), contentType: "application/json").status == 415)
        let noSID = try await post(server, [("MessageStatus", "delivered")])
        #expect(noSID.status == 400)
        let answer = try JSONSerialization.jsonObject(with: Data(noSID.body)) as? [String: String]
        #expect(answer?["field"] == "MessageSid")
        let neither = try await post(server, [("AccountSid", "AC00000000000000000000000000000000")])
        #expect(neither.status == 400)
        #expect(!(try server.store.isSuppressed(channel: "sms", address: "+33612345678")))
    }

    @Test func aSignatureOverTheURLTheServerSeesRatherThanThePublicOneIsRefused() async throws {
        let server = try await ServerFixture.start(providerCallbacks: try Self.keys())
        defer { server.stop() }
        try server.seedSentMessages()
        let fields = Self.inbound("STOP")
        let signature = TwilioSignature(authToken: Self.token).signature(
            url: server.base + Self.path,
            parameters: fields
        )
        let response = try await server.post(
            Self.path,
            contentType: "application/x-www-form-urlencoded",
            headers: [(TwilioSignature.header, signature)],
            body: formBody(fields)
        )
        #expect(response.status == 401)
        #expect(response.bodyText.contains(ServerFixture.publicURL + Self.path))
        #expect(try server.consent("c1")?.sms == true)
    }

    @Test func aBrokenPercentEncodingIs400NamingTheField() async throws {
        let server = try await ServerFixture.start(providerCallbacks: try Self.keys())
        defer { server.stop() }
        let response = try await server.post(
            Self.path,
            contentType: "application/x-www-form-urlencoded; charset=utf-8",
            headers: [(TwilioSignature.header, "c2lnbmVk")],
            body: Array("From=%2B33612345678&Body=%E9%ZZ".utf8)
        )
        #expect(response.status == 400)
        let answer = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: String]
        #expect(answer?["field"] == "Body")
    }

    @Test func aCallbackForAMessageWeNeverSentIsAcceptedAndChangesNothing() async throws {
        let server = try await ServerFixture.start(providerCallbacks: try Self.keys())
        defer { server.stop() }
        try server.seedSentMessages()
        let response = try await post(
            server,
            [
                ("MessageSid", "SMffffffffffffffffffffffffffffffff"), ("MessageStatus", "undelivered"),
                ("ErrorCode", "30003"),
            ]
        )
        // 200, or Twilio retries; without a To and a matching row there is no number to suppress.
        #expect(response.status == 200)
        #expect(try server.store.providerDelivery(outboxKey: ServerFixture.smsKey) == nil)
        #expect(!(try server.store.isSuppressed(channel: "sms", address: "+33612345678")))
    }

    @Test func advancedOptOutAndError21610WithdrawConsentToo() async throws {
        let server = try await ServerFixture.start(providerCallbacks: try Self.keys())
        defer { server.stop() }
        try server.seedSentMessages()
        var fields = Self.inbound("Halt", from: "+886912345678")
        fields.append(("OptOutType", "STOP"))
        #expect(try await post(server, fields).status == 200)
        #expect(try server.store.isSuppressed(channel: "sms", address: "+886912345678"))
        #expect(try server.consent("c3")?.sms == false)
        _ = try await post(
            server,
            [
                ("MessageSid", ServerFixture.twilioMessageSID), ("MessageStatus", "failed"), ("ErrorCode", "21610"),
                ("To", "+33612345678"),
            ]
        )
        #expect(try server.store.isSuppressed(channel: "sms", address: "+33612345678"))
        #expect(try server.consent("c1")?.sms == false)
        #expect(try server.consent("c2")?.sms == false)
    }

    @Test func withoutATokenEveryCallbackIs401NamingTheVariable() async throws {
        let keys = try ProviderCallbackKeys(
            publicURL: ServerFixture.publicURL,
            environment: [:],
            twilioAuthTokenVariable: "HOMING_TWILIO_AUTH_TOKEN"
        )
        let server = try await ServerFixture.start(providerCallbacks: keys)
        defer { server.stop() }
        try server.seedSentMessages()
        let response = try await post(server, Self.inbound("STOP"))
        #expect(response.status == 401)
        #expect(response.bodyText.contains("HOMING_TWILIO_AUTH_TOKEN"))
        #expect(try server.consent("c1")?.sms == true)
    }
}
