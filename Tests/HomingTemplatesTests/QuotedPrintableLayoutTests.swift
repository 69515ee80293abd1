import Foundation
import HomingCore
import HomingTestSupport
import Testing

@testable import HomingTemplates

/// Quoted-printable that copies a skeleton's literal text encoded in advance must write exactly what the
/// plain encoder writes for the same finished body, wherever the values push the columns.
@Suite struct QuotedPrintableLayoutTests {
    struct Encoding {
        var body: [UInt8]
        var plain: [UInt8]
        var layout: [UInt8]
        /// Body bytes whose encoding the layout path copied instead of encoding.
        var copied: Int
    }

    /// Each email body of `rendered` that has a layout, encoded plainly and with its layout.
    static func encodings(_ rendered: RenderedMessage) -> [Encoding] {
        [TemplatePart.emailText, .emailHTML].compactMap { part in
            guard let body = rendered.utf8(part), let layout = rendered.layout(part) else { return nil }
            return body.withUnsafeBufferPointer { body in
                let counts = ByteScan.count(body)
                #expect(layout.nonASCIICount == counts.nonASCII)
                #expect(layout.notPlainBound >= counts.notPlain)
                let bound = QuotedPrintable.maximumEncodedCount(
                    body.count,
                    ByteScan.Counts(notPlain: layout.notPlainBound)
                )
                let plain = [UInt8](unsafeUninitializedCapacity: bound) { buffer, count in
                    count = QuotedPrintable.encode(body, to: buffer.baseAddress!, limit: buffer.count)
                }
                var copiedBytes = 0
                let copied = [UInt8](unsafeUninitializedCapacity: bound) { buffer, count in
                    count = QuotedPrintable.encode(
                        body,
                        layout: layout,
                        to: buffer.baseAddress!,
                        limit: buffer.count,
                        copied: &copiedBytes
                    )
                }
                return Encoding(body: Array(body), plain: plain, layout: copied, copied: copiedBytes)
            }
        }
    }

    static func variants(_ tag: String) -> [MessageContext] {
        var contexts = [MessageContext.sample(for: Fixtures.tag(tag))]
        for length in [0, 1, 5, 17, 40, 61, 73, 74, 75, 76, 77, 90] {
            var context = MessageContext.sample(for: Fixtures.tag(tag))
            let piece = ["x", "é", " ", "=", "中", "  \n"][length % 6]
            context.customer.firstName = String(repeating: "a", count: length) + piece
            context.shop.name = String(repeating: "=", count: length % 7) + "Shop " + piece
            context.order?.items[0].name = String(repeating: "é", count: length / 2) + " "
            contexts.append(context)
        }
        return contexts
    }

    @Test(arguments: ["en", "fr-CA", "zh-CN", "zh-TW", "de"])
    func catalogBodiesEncodeAsThePlainEncoderDoes(tag: String) throws {
        let renderer = MessageRenderer(catalog: Fixtures.catalog)
        var (bodies, bytes, copied) = (0, 0, 0)
        for context in Self.variants(tag) {
            for message in Fixtures.catalog.messages where Fixtures.catalog.channels(of: message).contains(.email) {
                let rendered = try renderer.render(message, channel: .email, context: context)
                for encoding in Self.encodings(rendered) {
                    #expect(encoding.layout == encoding.plain, "\(message) \(tag)")
                    bodies += 1
                    bytes += encoding.body.count
                    copied += encoding.copied
                }
            }
        }
        #expect(bodies > 100)
        // The point of the layout: most of a body is template text, copied rather than encoded again.
        #expect(copied * 2 > bytes)
    }

    /// Lines at and around 76 characters, `=` and white space at line ends, UTF-8 where a soft break
    /// falls, CRLF and lone CR in the template's own text, with values of every length in between.
    @Test func edgeCasesInLiteralsMatchThePlainEncoder() throws {
        let directory = try TemporaryDirectory()
        let line76 = String(repeating: "y", count: 76)
        let html = [
            "<p>{{#customer.first_name}}{{customer.first_name}}{{/customer.first_name}}</p>",
            line76, String(repeating: "z", count: 75) + "=", String(repeating: "w", count: 74) + "é",
            String(repeating: "v", count: 73) + "中文", "trailing space \ntrailing tab\t\n{{shop.name}}",
            "crlf line\r\nlone\rcr " + String(repeating: "é", count: 50), "{{shop.name}} ends with space ",
            String(repeating: "=", count: 40)
                + "{{#customer.first_name}}{{customer.first_name}}{{/customer.first_name}}"
                + String(repeating: "u", count: 80),
            "last line",
        ].joined(separator: "\n")
        let catalog = try Fixtures.catalog(
            [
                "en/m/email.subject.mustache": "Hi {{shop.name}}",
                "en/m/email.preheader.mustache": "Pre",
                "en/m/email.html.mustache": html,
                "en/m/email.text.mustache": html.replacingOccurrences(of: "<p>", with: "  "),
            ],
            in: directory.url
        )
        let renderer = MessageRenderer(catalog: catalog)
        var copiedSomething = false
        for length in 0..<100 {
            var context = MessageContext.sample(for: Fixtures.en)
            context.customer.firstName = String(repeating: "n", count: length) + (length % 3 == 0 ? " " : "é")
            context.shop.name = String(repeating: "s", count: length % 9)
            let rendered = try renderer.render("m", channel: .email, context: context)
            for encoding in Self.encodings(rendered) {
                #expect(encoding.layout == encoding.plain, "first name of \(length + 1) characters")
                #expect(encoding.plain == BodyEncodingTests.referenceQuotedPrintable(encoding.body))
                if encoding.copied > 0 { copiedSomething = true }
            }
        }
        #expect(copiedSomething)
    }
    /// A body whose template opens with white space: the fill leaves it out, so the first literal's
    /// encoding made in advance (white space included) must not be copied to the body's start.
    @Test func bodiesWhoseTemplateOpensWithWhiteSpaceMatchThePlainEncoder() throws {
        let directory = try TemporaryDirectory()
        let body = "Hello there, this is a long literal before the shop name {{shop.name}} and the rest."
        for opening in ["\n\n", "  ", " \t\n "] {
            let catalog = try Fixtures.catalog(
                [
                    "en/m/email.subject.mustache": "Hi",
                    "en/m/email.preheader.mustache": "Pre",
                    "en/m/email.html.mustache": opening + "<p>" + body + "</p>",
                    "en/m/email.text.mustache": opening + body,
                ],
                in: directory.url.appendingPathComponent("c\(opening.utf8.count)")
            )
            let rendered = try MessageRenderer(catalog: catalog).render(
                "m",
                channel: .email,
                context: MessageContext.sample(for: Fixtures.en)
            )
            let encodings = Self.encodings(rendered)
            #expect(encodings.count == 2)
            for encoding in encodings {
                #expect(encoding.layout == encoding.plain, "opening \(Array(opening.utf8))")
                #expect(encoding.plain == BodyEncodingTests.referenceQuotedPrintable(encoding.body))
            }
        }
    }
}
