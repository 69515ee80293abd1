import Foundation
import HomingChannels
import HomingServer
import HomingStore
import Testing

/// Twilio opt-in replies (`START`, `UNSTOP`, `YES`, or `OptOutType=START`) over loopback into a
/// real SQLite store: they undo an SMS opt-out, and nothing else.
@Suite struct TwilioOptInTests {
    let twilio = TwilioCallbackTests()
    let phone = "+33612345678"

    @Test(arguments: [
        TwilioCallbackTests.inbound("start"), TwilioCallbackTests.inbound(" UNSTOP\n"),
        TwilioCallbackTests.inbound("Yes"),
        TwilioCallbackTests.inbound("Oui merci") + [("OptOutType", "START")],
    ])
    func stopThenStartRestoresDeliveryEligibility(optIn: [(name: String, value: String)]) async throws {
        let server = try await ServerFixture.start(providerCallbacks: try TwilioCallbackTests.keys())
        defer { server.stop() }
        try server.seedSentMessages()
        #expect(try await twilio.post(server, TwilioCallbackTests.inbound("STOP")).status == 200)
        #expect(try server.store.isSuppressed(channel: "sms", address: phone))
        #expect(try server.consent("c1")?.sms == false)

        let answer = try await twilio.post(server, optIn)
        #expect(answer.status == 200)
        #expect(answer.bodyText.hasSuffix("<Response/>"))
        #expect(try !server.store.isSuppressed(channel: "sms", address: phone))
        #expect(try server.consent("c1") == .init(email: true, sms: true, push: false))
        #expect(try server.consent("c2")?.sms == true)
    }

    @Test func startFromAnUnknownNumberIsAnAcceptedNoOp() async throws {
        let server = try await ServerFixture.start(providerCallbacks: try TwilioCallbackTests.keys())
        defer { server.stop() }
        try server.seedSentMessages()
        #expect(try await twilio.post(server, TwilioCallbackTests.inbound("STOP")).status == 200)
        let answer = try await twilio.post(server, TwilioCallbackTests.inbound("START", from: "+15550001111"))
        #expect(answer.status == 200)
        #expect(try server.store.isSuppressed(channel: "sms", address: phone))
        #expect(try server.consent("c1")?.sms == false)
        #expect(try server.consent("c3")?.sms == true)
    }

    @Test func startDoesNotLiftAnInvalidNumberSuppression() async throws {
        let server = try await ServerFixture.start(providerCallbacks: try TwilioCallbackTests.keys())
        defer { server.stop() }
        try server.seedSentMessages()
        let invalid: [(name: String, value: String)] = [
            ("MessageSid", ServerFixture.twilioMessageSID), ("MessageStatus", "failed"), ("ErrorCode", "21211"),
            ("To", phone),
        ]
        #expect(try await twilio.post(server, invalid).status == 200)
        #expect(try server.store.isSuppressed(channel: "sms", address: phone))

        #expect(try await twilio.post(server, TwilioCallbackTests.inbound("START")).status == 200)
        #expect(try server.store.isSuppressed(channel: "sms", address: phone))
    }

    @Test func startDoesNotLiftAnEmailUnsubscribe() async throws {
        let server = try await ServerFixture.start(providerCallbacks: try TwilioCallbackTests.keys())
        defer { server.stop() }
        try server.seedSentMessages()
        _ = try server.store.withdrawConsent(customerID: "c1", channels: [.email, .sms])
        #expect(try await twilio.post(server, TwilioCallbackTests.inbound("START")).status == 200)
        #expect(try server.consent("c1") == .init(email: false, sms: true, push: false))
    }
}
