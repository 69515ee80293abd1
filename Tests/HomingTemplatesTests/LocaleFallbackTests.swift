import HomingCore
import HomingTestSupport
import Testing

@testable import HomingTemplates

@Suite struct LocaleFallbackTests {
    @Test(
        "fallback chains follow DESIGN.md §4.5",
        arguments: [
            ("zh-Hant-TW", ["zh-Hant-TW", "zh-Hant", "zh", "en"]),
            ("zh-TW", ["zh-Hant-TW", "zh-Hant", "zh", "en"]),
            ("zh-HK", ["zh-Hant-HK", "zh-Hant", "zh", "en"]),
            ("zh-MO", ["zh-Hant-MO", "zh-Hant", "zh", "en"]),
            ("zh-CN", ["zh-Hans-CN", "zh-Hans", "zh", "en"]),
            ("zh-SG", ["zh-Hans-SG", "zh-Hans", "zh", "en"]),
            ("zh", ["zh-Hans", "zh", "en"]),
            ("zh-Hans", ["zh-Hans", "zh", "en"]),
            ("fr-CA", ["fr-CA", "fr", "en"]),
            ("fr", ["fr", "en"]),
            ("de", ["de", "en"]),
            ("en-GB", ["en-GB", "en"]),
            ("en-US-u-ca-gregory", ["en-US", "en"]),
        ]
    )
    func chain(tag: String, expected: [String]) throws {
        let chain = try LocaleTag(parsing: tag).fallbackChain(defaultLocale: LocaleTag(parsing: "en"))
        #expect(chain.map(\.description) == expected)
    }

    @Test(
        "catalog resolution lands in the right folder",
        arguments: [
            ("zh-Hant-TW", "zh-Hant"), ("zh-TW", "zh-Hant"), ("zh-HK", "zh-Hant"), ("zh-CN", "zh-Hans"),
            ("zh", "zh-Hans"), ("fr-CA", "fr"), ("de", "en"), ("en-GB", "en"), ("ja-JP", "en"),
        ]
    )
    func resolution(tag: String, folder: String) throws {
        let entry = try Fixtures.catalog.resolve("win-back-offer", .emailSubject, for: Fixtures.tag(tag))
        #expect(entry.locale.description == folder)
        #expect(entry.file.hasSuffix("templates/\(folder)/win-back-offer/email.subject.mustache"))
    }

    @Test func resolvedLocaleIsReturnedWithTheRendering() throws {
        let renderer = MessageRenderer(catalog: Fixtures.catalog)
        let context = MessageContext.sample(for: Fixtures.tag("zh-TW"))
        let rendered = try renderer.render("win-back-offer", channel: .sms, context: context)
        #expect(rendered.resolvedLocale.description == "zh-Hant")
        #expect(rendered.requestedLocale.description == "zh-TW")
    }

    @Test func fallbackIsPerPart() throws {
        let directory = try TemporaryDirectory()
        let catalog = try Fixtures.catalog(
            [
                "en/welcome/push.title.mustache": "Welcome",
                "en/welcome/push.body.mustache": "Hello",
                "fr/welcome/push.title.mustache": "Bienvenue",
            ],
            in: directory.url
        )
        let context = MessageContext.sample(for: Fixtures.tag("fr-CA"))
        let rendered = try MessageRenderer(catalog: catalog).render("welcome", channel: .push, context: context)
        #expect(rendered.parts.map(\.locale.description) == ["fr", "en"])
        #expect(rendered[.pushTitle] == "Bienvenue")
        #expect(rendered[.pushBody] == "Hello")
    }
}
