import HomingCore
import Testing

/// Which channels a send uses: consent and an address are both needed, except for webhooks.
@Suite struct ChannelPreferenceTests {
    private let everything = Customer(
        id: "c1",
        email: "zoe@example.fr",
        phone: "+33612345678",
        pushToken: "token-1",
        consent: Consent(email: true, sms: true, push: true)
    )

    @Test func firstAvailableTakesTheFirstReachable() {
        #expect(ChannelPreference.firstAvailable([.push, .email, .sms]).resolve(for: everything) == [.push])
    }

    @Test func fallsBackWithoutConsent() {
        var customer = everything
        customer.consent.push = false
        #expect(ChannelPreference.firstAvailable([.push, .email, .sms]).resolve(for: customer) == [.email])
        customer.consent.email = false
        #expect(ChannelPreference.firstAvailable([.push, .email, .sms]).resolve(for: customer) == [.sms])
    }

    @Test func fallsBackWithoutAnAddress() {
        var customer = everything
        customer.pushToken = nil
        customer.email = ""
        #expect(ChannelPreference.firstAvailable([.push, .email, .sms]).resolve(for: customer) == [.sms])
    }

    @Test func nobodyReachableMeansNoChannel() {
        let customer = Customer(id: "c2", email: "a@example.com", consent: Consent())
        #expect(ChannelPreference.firstAvailable([.email, .sms]).resolve(for: customer).isEmpty)
        #expect(ChannelPreference.all([.email, .sms]).resolve(for: customer).isEmpty)
    }

    @Test func allTakesEveryReachableChannelInOrder() {
        var customer = everything
        customer.consent.sms = false
        #expect(ChannelPreference.all([.sms, .push, .email]).resolve(for: customer) == [.push, .email])
    }

    @Test func webhookNeedsNoConsentOrAddress() {
        let customer = Customer(id: "c3")
        #expect(ChannelPreference.firstAvailable([.email, .webhook]).resolve(for: customer) == [.webhook])
    }
}
