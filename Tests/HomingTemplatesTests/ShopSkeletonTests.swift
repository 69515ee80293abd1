import Foundation
import HomingCore
import HomingTestSupport
import Testing

@testable import HomingTemplates

/// Skeletons that carry a shop's own values as literal text must fill, trim and encode exactly as the
/// skeleton they came from, and a renderer must never hand one shop's text to another.
@Suite struct ShopSkeletonTests {
    /// Shops whose values are escaped in HTML, are empty, start or end with white space, are not ASCII,
    /// or hold `=` and `.` that quoted-printable treats apart.
    static func shops(_ tag: String) -> [MessageContext.Shop] {
        let sample = MessageContext.sample(for: Fixtures.tag(tag)).shop
        return [
            sample,
            .init(
                name: "<b>Zoë & \"Co\"</b> 'shop'",
                url: "https://zoe.example/shop?a=1&b=2",
                postalAddress: "12 rue de l’Église, 75001 Paris · 中文地址",
                supportEmail: "help=desk@zoe.example"
            ),
            .init(name: "", url: "https://x.example", postalAddress: " ", supportEmail: "a@x.example"),
            .init(
                name: "  Spaced shop  ",
                url: "https://spaced.example/",
                postalAddress: String(repeating: "long address ", count: 9) + ".",
                supportEmail: "spaced@example.com "
            ),
            // The same name composed and decomposed: equal as Strings, different bytes on the wire.
            .init(
                name: "Caf\u{E9} Zo\u{EB}",
                url: "https://cafe.example",
                postalAddress: "1 rue",
                supportEmail: "c@cafe.example"
            ),
            .init(
                name: "Cafe\u{301} Zoe\u{308}",
                url: "https://cafe.example",
                postalAddress: "1 rue",
                supportEmail: "c@cafe.example"
            ),
            sample,
        ]
    }

    @Test(arguments: ["en", "fr-CA", "zh-CN", "zh-TW", "de"])
    func shopsTakingTurnsRenderAsSwiftMustacheDoes(tag: String) throws {
        let fast = MessageRenderer(catalog: Fixtures.catalog)
        let direct = MessageRenderer(catalog: Fixtures.catalog, formatter: .shared, useSkeletons: false)
        for shop in Self.shops(tag) + Self.shops(tag).reversed() {
            var context = MessageContext.sample(for: Fixtures.tag(tag))
            context.shop = shop
            context.links.shopURL = shop.url
            for message in Fixtures.catalog.messages {
                for channel in Fixtures.catalog.channels(of: message) {
                    let a = try fast.render(message, channel: channel, context: context)
                    let b = try direct.render(message, channel: channel, context: context)
                    // Bytes, not Strings: String equality would take either spelling of a name.
                    #expect(
                        a.parts.map { Array($0.text.utf8) } == b.parts.map { Array($0.text.utf8) },
                        "\(message) \(channel) \(shop.name)"
                    )
                }
            }
        }
    }

    /// A fill of the specialized skeleton equals a fill of the original for every choice of shared holes:
    /// at either end, next to each other, all of them, empty, and the HTML body's header holes.
    @Test(arguments: [false, true])
    func specializedFillsMatchTheOriginal(escapingHTML: Bool) throws {
        let m = { (index: Int) in "\u{E000}\(index)\u{E001}" }
        let renderings = [
            "\(m(0)) a \(m(1))\(m(2)) b \(m(3))",
            "  \n\(m(1))<p>literal text before</p>\n\(m(0))\(m(4)) \(m(5)) end  \n",
            "\(m(2))\(m(2))\(m(3))",
            "no holes at all",
            "\(m(0)) \(m(6))",
        ]
        let values = ["Zoë", "<Shop & Co>", "", " spaced ", "中文 ="]
        let header = (subject: Array("Subject".utf8), preheader: Array("Pre & header".utf8))
        for rendering in renderings {
            let skeleton = try #require(TemplateSkeleton(rendered: rendering))
            for shared in [0..<0, 1..<2, 1..<4, 0..<5, 2..<3, 3..<7] {
                let specialized = skeleton.specialized(values, shared: shared, escapingHTML: escapingHTML)
                let original = skeleton.fill(values, header: header, escapingHTML: escapingHTML)
                let filled = specialized.fill(values, header: header, escapingHTML: escapingHTML)
                // The fills leave out different white space at their ends; trimming makes them equal.
                #expect(Self.trimmed(filled.bytes) == Self.trimmed(original.bytes), "\(rendering) \(shared)")
                #expect(filled.valueNonASCII <= original.valueNonASCII)
                let left = specialized.holes.filter { shared.contains($0) && $0 < values.count }
                #expect(left.isEmpty)
            }
        }
    }

    /// Shop values at line starts, across the 76-column soft break, ending a line with `=`, `.` or a
    /// space, and not ASCII: the body's encoding copied from the shop's skeleton is the reference one.
    @Test func shopValuesAtLineEdgesEncodeAsTheReference() throws {
        let directory = try TemporaryDirectory()
        let html = [
            "{{shop.name}} opens the line",
            String(repeating: "x", count: 70) + "{{shop.name}}",
            String(repeating: "y", count: 60) + "{{shop.postal_address}} and more text after it",
            "<a href=\"{{links.shop_url}}\">{{shop.support_email}}</a>",
            "{{#customer.first_name}}{{customer.first_name}}{{/customer.first_name}}{{shop.name}}",
            "last line {{shop.name}}",
        ].joined(separator: "\n")
        let catalog = try Fixtures.catalog(
            [
                "en/m/email.subject.mustache": "Hi from {{shop.name}}",
                "en/m/email.preheader.mustache": "Pre",
                "en/m/email.html.mustache": html,
                "en/m/email.text.mustache": html.replacingOccurrences(of: "<a href=", with: "  link "),
            ],
            in: directory.url
        )
        let renderer = MessageRenderer(catalog: catalog)
        let direct = MessageRenderer(catalog: catalog, formatter: .shared, useSkeletons: false)
        var copied = 0
        for length in 0..<40 {
            let piece = ["=", ".", " ", "é", "中", "&", "x"][length % 7]
            var context = MessageContext.sample(for: Fixtures.en)
            context.customer.firstName = String(repeating: "n", count: length % 5)
            context.shop.name = String(repeating: "s", count: length) + piece
            context.shop.postalAddress = String(repeating: "a", count: 80 - length) + piece
            context.shop.supportEmail = String(repeating: "e", count: length / 2) + piece + "@x.example"
            context.links.shopURL = "https://shop.example/" + String(repeating: "p", count: length) + piece
            let rendered = try renderer.render("m", channel: .email, context: context)
            let reference = try direct.render("m", channel: .email, context: context)
            #expect(rendered.parts.map(\.text) == reference.parts.map(\.text), "shop name of \(length + 1)")
            for encoding in QuotedPrintableLayoutTests.encodings(rendered) {
                #expect(encoding.layout == encoding.plain, "shop name of \(length + 1)")
                #expect(encoding.plain == BodyEncodingTests.referenceQuotedPrintable(encoding.body))
                copied += encoding.copied
            }
        }
        #expect(copied > 0)
    }

    static func trimmed(_ bytes: [UInt8]) -> [UInt8] {
        Array(bytes.drop(while: \.isASCIIWhiteSpace).reversed().drop(while: \.isASCIIWhiteSpace).reversed())
    }
}
