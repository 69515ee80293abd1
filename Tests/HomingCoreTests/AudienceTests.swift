import HomingCore
import Testing

/// Audience filters: segments, locale prefixes on whole subtags, and consent.
@Suite struct AudienceTests {
    private func tag(_ text: String) throws -> LocaleTag { try LocaleTag(parsing: text) }

    @Test func localePrefixesMatchWholeSubtags() throws {
        #expect(Audience.locale(try tag("zh-Hant-TW"), hasPrefix: "zh"))
        #expect(Audience.locale(try tag("zh-Hant-TW"), hasPrefix: "zh-hant"))
        #expect(Audience.locale(try tag("zh-TW"), hasPrefix: "zh-Hant"))
        #expect(!Audience.locale(try tag("zh-TW"), hasPrefix: "zh-Hans"))
        #expect(!Audience.locale(try tag("fry"), hasPrefix: "fr"))
        #expect(!Audience.locale(nil, hasPrefix: "en"))
    }

    @Test func everyFilterMustAdmit() throws {
        let audience = Audience(segments: ["at_risk"], localePrefixes: ["fr"], consent: .anyChannel)
        let consent = Consent(sms: true)
        #expect(audience.admits(segment: "at_risk", locale: try tag("fr-CA"), consent: consent))
        #expect(!audience.admits(segment: "champions", locale: try tag("fr-CA"), consent: consent))
        #expect(!audience.admits(segment: "at_risk", locale: try tag("en"), consent: consent))
        #expect(!audience.admits(segment: "at_risk", locale: try tag("fr"), consent: Consent()))
        #expect(Audience().admits(segment: nil, locale: nil, consent: Consent()))
    }

    @Test func specificConsentNeedsEveryChannel() {
        let audience = Audience(consent: .channels([.email, .sms]))
        #expect(audience.admits(segment: nil, locale: nil, consent: Consent(email: true, sms: true)))
        #expect(!audience.admits(segment: nil, locale: nil, consent: Consent(email: true)))
    }
}
