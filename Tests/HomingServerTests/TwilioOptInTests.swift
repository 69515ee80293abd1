import Foundation
import HomingChannels
import HomingCore
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

    @Test func startNeverGrantsConsentTheCustomerDidNotHave() async throws {
        let server = try await ServerFixture.start(providerCallbacks: try TwilioCallbackTests.keys())
        defer { server.stop() }
        try server.seedSentMessages()
        // c4 shares the number but never agreed to texts.
        try importWithoutSMSConsent("c4", into: server)
        #expect(try await twilio.post(server, TwilioCallbackTests.inbound("STOP")).status == 200)
        #expect(try await twilio.post(server, TwilioCallbackTests.inbound("START")).status == 200)
        #expect(try server.consent("c1")?.sms == true)
        #expect(try server.consent("c2")?.sms == true)
        #expect(try server.consent("c4")?.sms == false)
    }

    @Test func startGivesBackWhatTwilioError21610Withdrew() async throws {
        let server = try await ServerFixture.start(providerCallbacks: try TwilioCallbackTests.keys())
        defer { server.stop() }
        try server.seedSentMessages()
        let stopped: [(name: String, value: String)] = [
            ("MessageSid", ServerFixture.twilioMessageSID), ("MessageStatus", "undelivered"), ("ErrorCode", "21610"),
            ("To", phone),
        ]
        #expect(try await twilio.post(server, stopped).status == 200)
        #expect(try server.consent("c1")?.sms == false)
        #expect(try server.consent("c2")?.sms == false)

        #expect(try await twilio.post(server, TwilioCallbackTests.inbound("UNSTOP")).status == 200)
        #expect(try !server.store.isSuppressed(channel: "sms", address: phone))
        #expect(try server.consent("c1")?.sms == true)
        #expect(try server.consent("c2")?.sms == true)
    }

    @Test func aSecondStartAfterConsentWasWithdrawnAgainByImportChangesNothing() async throws {
        let server = try await ServerFixture.start(providerCallbacks: try TwilioCallbackTests.keys())
        defer { server.stop() }
        try server.seedSentMessages()
        #expect(try await twilio.post(server, TwilioCallbackTests.inbound("STOP")).status == 200)
        #expect(try await twilio.post(server, TwilioCallbackTests.inbound("START")).status == 200)
        #expect(try server.consent("c1")?.sms == true)
        // The shop's own record says no texts for c1 now; a repeated START must not overrule it.
        try importWithoutSMSConsent("c1", into: server)
        #expect(try await twilio.post(server, TwilioCallbackTests.inbound("START")).status == 200)
        #expect(try server.consent("c1")?.sms == false)
    }

    /// Imports `id` at ``phone`` with SMS consent off, as the shop's own record.
    private func importWithoutSMSConsent(_ id: String, into server: ServerFixture) throws {
        try server.store.importTransaction { transaction in
            _ = try transaction.upsert(
                customers: [Customer(id: id, phone: phone, consent: Consent(email: true, sms: false, push: false))],
                presentColumns: ["phone", "consent_email", "consent_sms", "consent_push"]
            )
            try transaction.finish()
            return ((), commit: true)
        }
    }
}
