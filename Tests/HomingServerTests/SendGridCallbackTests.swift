import Crypto
import Foundation
import HomingChannels
import HomingServer
import HomingStore
import Testing

/// `POST /webhooks/providers/sendgrid` over loopback into a real SQLite store.
@Suite struct SendGridCallbackTests {
    static let path = "/webhooks/providers/sendgrid"
    let key = P256.Signing.PrivateKey()

    func keys(environment: [String: String]? = nil) throws -> ProviderCallbackKeys {
        let variables =
            environment ?? [
                ProviderCallbackKeys.sendGridKeyVariable: key.publicKey.derRepresentation.base64EncodedString()
            ]
        return try ProviderCallbackKeys(
            publicURL: ServerFixture.publicURL,
            environment: variables,
            twilioAuthTokenVariable: nil
        )
    }

    func post(
        _ server: ServerFixture,
        _ json: String,
        contentType: String? = "application/json",
        signedBy signer: P256.Signing.PrivateKey? = nil
    ) async throws -> HTTPResponse {
        let body = Array(json.utf8)
        let timestamp = "1732450000"
        let signature = try (signer ?? key).signature(for: Array(timestamp.utf8) + body)
        return try await server.post(
            Self.path,
            contentType: contentType,
            headers: [
                (SendGridEventSignature.signatureHeader, signature.derRepresentation.base64EncodedString()),
                (SendGridEventSignature.timestampHeader, timestamp),
            ],
            body: body
        )
    }

    @Test func aBounceMatchedByOurKeySuppressesTheAddressWeSentTo() async throws {
        let server = try await ServerFixture.start(providerCallbacks: try keys())
        defer { server.stop() }
        try server.seedSentMessages()
        let response = try await post(
            server,
            """
            [{"email":"ana@example.com","event":"bounce","type":"bounce","reason":"550 5.1.1 no such user",
              "timestamp":1732449000,"homing_key":"\(ServerFixture.emailKey)","sg_message_id":"elsewhere.filter0001"}]
            """
        )
        #expect(response.status == 200, "\(response.bodyText)")
        #expect(
            response.bodyText
                == #"{"consent_withdrawn":0,"events":1,"matched":1,"suppressed":2}"#
        )
        let delivery = try #require(try server.store.providerDelivery(outboxKey: ServerFixture.emailKey))
        #expect(delivery.delivery == .bounced)
        #expect(delivery.at.millisecondsSince1970 == 1_732_449_000_000)
        // The reported address and the stored one (which differs in case) are both listed.
        #expect(try server.store.isSuppressed(channel: "email", address: "ana@example.com"))
        #expect(try server.store.isSuppressed(channel: "email", address: "Ana@Example.com"))
        #expect(try server.consent("c1")?.email == true)
    }

    @Test func aSpamReportSuppressesAndWithdrawsEmailConsentOnlyOnce() async throws {
        let server = try await ServerFixture.start(providerCallbacks: try keys())
        defer { server.stop() }
        try server.seedSentMessages()
        let batch = #"[{"email":"mei@example.com","event":"spamreport","timestamp":1732449000}]"#
        let response = try await post(server, batch)
        #expect(response.status == 200)
        #expect(response.bodyText == #"{"consent_withdrawn":1,"events":1,"matched":0,"suppressed":1}"#)
        #expect(try server.store.isSuppressed(channel: "email", address: "mei@example.com"))
        #expect(try server.consent("c2") == .init(email: false, sms: true, push: false))
        #expect(try server.consent("c1")?.email == true)
        // SendGrid redelivers a batch it got no 2xx for: the second time changes nothing.
        let again = try await post(server, batch)
        #expect(again.bodyText == #"{"consent_withdrawn":0,"events":1,"matched":0,"suppressed":0}"#)
    }

    @Test func aBatchMatchesBySendGridsMessageIDAndNeverStepsBack() async throws {
        let server = try await ServerFixture.start(providerCallbacks: try keys())
        defer { server.stop() }
        try server.seedSentMessages()
        let sgID = "\(ServerFixture.sendGridMessageID).filterdrecv-5645d9c87f-78xsx-1-5F3E1F7B-2.0"
        let response = try await post(
            server,
            """
            [{"email":"ana@example.com","event":"processed","sg_message_id":"\(sgID)"},
             {"email":"ana@example.com","event":"unsubscribe","timestamp":1732449100,"sg_message_id":"\(sgID)"},
             {"email":"ana@example.com","event":"delivered","timestamp":1732449200,"sg_message_id":"\(sgID)"},
             {"email":"someone@else.example","event":"delivered","sg_message_id":"unknown.filter1"}]
            """
        )
        #expect(
            response.bodyText
                == #"{"consent_withdrawn":1,"events":3,"matched":2,"suppressed":2}"#
        )
        // `delivered` arrived after `unsubscribe` and does not overwrite it.
        #expect(try server.store.providerDelivery(outboxKey: ServerFixture.emailKey)?.delivery == .unsubscribed)
        #expect(try server.consent("c1") == .init(email: false, sms: true, push: false))
    }

    @Test func aDroppedInvalidAddressIsSuppressedButABlockedBounceIsNot() async throws {
        let server = try await ServerFixture.start(providerCallbacks: try keys())
        defer { server.stop() }
        try server.seedSentMessages()
        _ = try await post(
            server,
            """
            [{"email":"zoe@example.com","event":"dropped","reason":"Invalid"},
             {"email":"mei@example.com","event":"bounce","type":"blocked","reason":"IP blocked"},
             {"email":"mei@example.com","event":"dropped","reason":"Spam Content"}]
            """
        )
        #expect(try server.store.isSuppressed(channel: "email", address: "zoe@example.com"))
        #expect(!(try server.store.isSuppressed(channel: "email", address: "mei@example.com")))
    }

    @Test func malformedBatchesAre400NamingTheProblemAndChangeNothing() async throws {
        let server = try await ServerFixture.start(providerCallbacks: try keys())
        defer { server.stop() }
        try server.seedSentMessages()
        let notJSON = try await post(server, #"[{"event":"bounce","email":"ana@example.com""#)
        #expect(notJSON.status == 400)
        #expect(notJSON.bodyText.contains("not valid JSON"))
        let notArray = try await post(server, #"{"event":"bounce"}"#)
        #expect(notArray.status == 400)
        #expect(notArray.bodyText.contains("array"))
        let noEmail = try await post(
            server,
            #"[{"event":"spamreport","email":"mei@example.com"},{"event":"bounce","type":"bounce"}]"#
        )
        #expect(noEmail.status == 400)
        let answer = try JSONSerialization.jsonObject(with: Data(noEmail.body)) as? [String: String]
        #expect(answer?["field"] == "[1].email")
        // The whole batch was refused: the valid first event was not applied.
        #expect(!(try server.store.isSuppressed(channel: "email", address: "mei@example.com")))
    }

    @Test func badSignaturesWrongTypesAndOversizedBodiesAreRefused() async throws {
        let server = try await ServerFixture.start(bodyLimit: 512, providerCallbacks: try keys())
        defer { server.stop() }
        try server.seedSentMessages()
        let spam = #"[{"email":"mei@example.com","event":"spamreport"}]"#
        #expect(try await post(server, spam, signedBy: P256.Signing.PrivateKey()).status == 401)
        let unsigned = try await server.post(Self.path, contentType: "application/json", body: Array(spam.utf8))
        #expect(unsigned.status == 401)
        #expect(try await post(server, spam, contentType: "text/plain").status == 415)
        #expect(try await post(server, spam, contentType: nil).status == 415)
        let big =
            "[" + Array(repeating: #"{"event":"open","email":"mei@example.com"}"#, count: 20).joined(separator: ",")
            + "]"
        #expect(try await post(server, big).status == 413)
        #expect(!(try server.store.isSuppressed(channel: "email", address: "mei@example.com")))
    }

    @Test func withoutAKeyEveryCallbackIs401NamingTheVariable() async throws {
        let server = try await ServerFixture.start(providerCallbacks: try keys(environment: [:]))
        defer { server.stop() }
        try server.seedSentMessages()
        let response = try await post(server, #"[{"email":"mei@example.com","event":"spamreport"}]"#)
        #expect(response.status == 401)
        #expect(response.bodyText.contains(ProviderCallbackKeys.sendGridKeyVariable))
        #expect(!(try server.store.isSuppressed(channel: "email", address: "mei@example.com")))
    }

    @Test func aKeyThatIsNoKeyFailsAtStartUp() {
        #expect(throws: ProviderCallbackKeys.InvalidSendGridKey.self) {
            try keys(environment: [ProviderCallbackKeys.sendGridKeyVariable: "hunter2"])
        }
    }
}
