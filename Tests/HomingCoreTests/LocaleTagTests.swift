import HomingCore
import Testing

@Suite struct LocaleTagTests {
    @Test(arguments: [
        ("en", "en"), ("en-gb", "en-GB"), ("fr-CA", "fr-CA"), ("zh-hans-cn", "zh-Hans-CN"), ("zh-TW", "zh-TW"),
        ("zh-Hant-TW", "zh-Hant-TW"), ("es-419", "es-419"), ("de-CH-1996", "de-CH-1996"),
        ("en-US-u-ca-gregory", "en-US-u-ca-gregory"),
        ("zh-yue-HK", "zh-yue-HK"), ("en-x-private", "en-x-private"),
    ])
    func parsesAndCanonicalisesWellFormedTags(text: String, canonical: String) throws {
        #expect(try LocaleTag(parsing: text).description == canonical)
    }

    /// Two or three letters and a two-letter region are read from the bytes; the general parser
    /// takes every other shape, so the tags around that shape must come out as it reads them.
    @Test(arguments: [
        ("EN", "en"), ("Fra", "fra"), ("fra-ca", "fra-CA"), ("pt-bR", "pt-BR"), ("en-usa", "en-usa"),
        ("en-419", "en-419"), ("abcd", "abcd"), ("abcde", "abcde"), ("en-Latn", "en-Latn"),
    ])
    func readsLanguageAndRegionTagsAsTheGeneralParserDoes(text: String, canonical: String) throws {
        let tag = try LocaleTag(parsing: text)
        #expect(tag.description == canonical)
        if canonical == "fra-CA" {
            #expect(tag.language == "fra" && tag.region == "CA" && tag.script == nil)
            #expect(tag.extendedLanguages.isEmpty && tag.trailing.isEmpty)
        }
    }

    @Test(arguments: [
        "", "e", "en_US", "e1", "en-U1", "é", "en-é", "e-US", "ab-", "-en", "en-US-", "en--US",
        "english-language-tag-way-too-long", "en-US-u", "12", "fr-CA-a",
    ])
    func refusesMalformedTags(text: String) {
        #expect(throws: LocaleTagError.self) { try LocaleTag(parsing: text) }
    }

    @Test func suggestsHyphensForUnderscores() {
        #expect(
            throws: LocaleTagError(
                description: "\"zh_TW\" is not a BCP 47 tag: use \"-\" between subtags, e.g. \"zh-TW\""
            )
        ) {
            try LocaleTag(parsing: "zh_TW")
        }
    }

    @Test func exposesSubtags() throws {
        let tag = try LocaleTag(parsing: "zh-Hant-TW")
        #expect(tag.language == "zh")
        #expect(tag.script == "Hant")
        #expect(tag.region == "TW")
    }
}
