import Foundation
import HomingCore
import Testing

@testable import HomingTemplates

/// Every message on every channel with sample data, one checked-in file per locale.
///
/// After an intended copy change, regenerate with `HOMING_UPDATE_GOLDEN=1 swift test --filter Golden`
/// and review the diff like any other change.
@Suite struct GoldenRenderingTests {
    static func rendering(for tag: String) throws -> String {
        let renderer = MessageRenderer(catalog: Fixtures.catalog)
        let context = MessageContext.sample(for: Fixtures.tag(tag))
        var out = ""
        for message in Fixtures.catalog.messages {
            for channel in Fixtures.catalog.channels(of: message) {
                let rendered = try renderer.render(message, channel: channel, context: context)
                for part in rendered.parts {
                    out += "===== \(message) \(part.part.rawValue) (\(part.locale))\n"
                    out += part.text.hasSuffix("\n") ? part.text : part.text + "\n"
                }
            }
        }
        return out
    }

    @Test(arguments: ["en", "fr", "zh-Hans", "zh-Hant"])
    func matchesGoldenFile(tag: String) throws {
        let path = Fixtures.goldenDirectory + "/\(tag).txt"
        let actual = try Self.rendering(for: tag)
        if ProcessInfo.processInfo.environment["HOMING_UPDATE_GOLDEN"] != nil {
            try actual.write(toFile: path, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOfFile: path, encoding: .utf8)
        #expect(actual == expected, "regenerate with HOMING_UPDATE_GOLDEN=1 after an intended change")
    }

    @Test func traditionalChineseSubjectSurvivesTheEMLRoundTrip() throws {
        let context = MessageContext.sample(for: Fixtures.tag("zh-Hant-TW"))
        let rendered = try MessageRenderer(catalog: Fixtures.catalog).render(
            "win-back-offer",
            channel: .email,
            context: context
        )
        let envelope = EmailEnvelope(
            from: EmailAddress("service@qingtian.example", name: "青田選物"),
            to: EmailAddress("yijun.chen@example.tw", name: "陳怡君"),
            unsubscribeURL: context.links.unsubscribeURL
        )
        let reader = try MIMEReader(MIMEEmail(rendered, envelope: envelope).text)
        #expect(MIMEReader.decodeWords(try #require(reader.header("Subject"))) == "怡君，送您20%回饋禮，歡迎回來")
    }
}
