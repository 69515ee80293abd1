import HomingCore
import Testing

@testable import HomingTemplates

@Suite struct EscapingTests {
    static let name = "<b>Zoë & \"Co\"</b>"

    func context(_ tag: String) -> MessageContext {
        var context = MessageContext.sample(for: Fixtures.tag(tag))
        context.customer.firstName = Self.name
        return context
    }

    @Test(arguments: ["en", "fr", "zh-Hans", "zh-Hant"])
    func htmlIsEscapedAndTextIsNot(tag: String) throws {
        let renderer = MessageRenderer(catalog: Fixtures.catalog)
        let email = try renderer.render("welcome", channel: .email, context: context(tag))
        let html = try #require(email[.emailHTML])
        #expect(html.contains("&lt;b&gt;Zoë &amp; &quot;Co&quot;&lt;/b&gt;"))
        #expect(!html.contains(Self.name))
        #expect(try #require(email[.emailText]).contains(Self.name))
        #expect(try #require(email[.emailSubject]).contains(Self.name))
        let sms = try renderer.render("welcome", channel: .sms, context: context(tag))
        #expect(try #require(sms[.smsText]).contains(Self.name))
        let push = try renderer.render("welcome", channel: .push, context: context(tag))
        #expect(try #require(push[.pushBody]).contains(Self.name))
    }

    @Test func shopNamesWithAmpersandsAreEscapedInHTMLOnly() throws {
        let email = try MessageRenderer(catalog: Fixtures.catalog)
            .render("welcome", channel: .email, context: .sample(for: Fixtures.en))
        #expect(try #require(email[.emailHTML]).contains("Hearth &amp; Field"))
        #expect(try #require(email[.emailText]).contains("Hearth & Field"))
    }

    /// Skeleton fills must be byte-identical to swift-mustache rendering the real values.
    @Test(arguments: ["en", "fr-CA", "zh-CN", "zh-TW", "de"])
    func skeletonFillsMatchDirectRendering(tag: String) throws {
        let fast = MessageRenderer(catalog: Fixtures.catalog)
        let direct = MessageRenderer(catalog: Fixtures.catalog, formatter: .shared, useSkeletons: false)
        var variants = [context(tag), MessageContext.sample(for: Fixtures.tag(tag))]
        var bare = MessageContext.sample(for: Fixtures.tag(tag))
        bare.customer = .init()
        bare.order?.items.append(.init(name: "Carte cadeau 'été' <3", quantity: 1, price: 0))
        variants.append(bare)
        for context in variants {
            for message in Fixtures.catalog.messages {
                for channel in Fixtures.catalog.channels(of: message) {
                    let a = try fast.render(message, channel: channel, context: context)
                    let b = try direct.render(message, channel: channel, context: context)
                    #expect(a.parts.map(\.text) == b.parts.map(\.text), "\(message) \(channel) \(tag)")
                }
            }
        }
    }
}
