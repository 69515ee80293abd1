import Foundation
import HomingChannels
import HomingCore
import Testing

/// SendGrid's JSON body is written by hand for speed; it must be exactly what `JSONEncoder` wrote,
/// whatever the strings hold.
@Suite struct SendGridBodyTests {
    /// The body's shape as `JSONEncoder` sees it: the reference the hand-written bytes must match.
    struct Reference: Encodable {
        struct Personalization: Encodable {
            var to: [[String: String]]
            var customArgs: [String: String]
            enum CodingKeys: String, CodingKey {
                case to
                case customArgs = "custom_args"
            }
        }
        struct Content: Encodable {
            var type: String
            var value: String
        }
        var personalizations: [Personalization]
        var from: [String: String]
        var subject: String
        var content: [Content]
    }

    static let awkward = [
        "plain", "", "quote \" backslash \\ slash / </script>", "tab\tnewline\nreturn\rform\u{0C}back\u{08}",
        "nul \u{0} unit \u{1F} escape \u{1B} del \u{7F}", "Komm zurück 我们想念你 🎁", "line\u{2028}para\u{2029}",
    ]

    func body(
        subject: String,
        text: String,
        html: String,
        name: String?,
        key: String,
        asBytes: Bool = false
    ) throws -> [UInt8] {
        let transport = try Transport()
        defer { transport.shutdown() }
        let adapter = try SendGridAdapter(
            configuration: SendGridConfiguration(
                baseURL: "http://127.0.0.1:1",
                apiKeyVariable: "HOMING_TEST_SENDGRID_API_KEY",
                fromEmail: "hello@shop.example",
                fromName: name
            ),
            transport: transport,
            environment: ["HOMING_TEST_SENDGRID_API_KEY": "SG.key"]
        )
        let message = OutgoingMessage(
            recipient: "ana@example.com",
            idempotencyKey: key,
            payload: asBytes
                ? .emailUTF8(subject: Array(subject.utf8), text: Array(text.utf8), html: Array(html.utf8))
                : .email(subject: subject, text: text, html: html)
        )
        return try #require(adapter.request(for: message, at: .now)).body
    }

    func reference(subject: String, text: String, html: String, name: String?, key: String) throws -> [UInt8] {
        var from = ["email": "hello@shop.example"]
        if let name { from["name"] = name }
        let mail = Reference(
            personalizations: [.init(to: [["email": "ana@example.com"]], customArgs: ["homing_key": key])],
            from: from,
            subject: subject,
            content: [.init(type: "text/plain", value: text), .init(type: "text/html", value: html)]
        )
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(mail))
    }

    @Test(arguments: awkward)
    func bodyIsByteForByteWhatJSONEncoderWrote(text: String) throws {
        for name in [nil, "Shop \"Ana\" & Co"] as [String?] {
            let actual = try body(subject: text, text: "t" + text, html: "<p>\(text)</p>", name: name, key: text)
            let expected = try reference(subject: text, text: "t" + text, html: "<p>\(text)</p>", name: name, key: text)
            #expect(String(decoding: actual, as: UTF8.self) == String(decoding: expected, as: UTF8.self))
        }
    }

    @Test func everyControlCharacterRoundTrips() throws {
        let controls = String(String.UnicodeScalarView((0..<0x20).compactMap(Unicode.Scalar.init)))
        let bytes = try body(subject: controls, text: "", html: "", name: nil, key: "k")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        #expect(json["subject"] as? String == controls)
    }

    /// The dispatcher hands rendered parts over as bytes: the body must be the same bytes as from
    /// `String`s, with escapes at every offset of the eight-byte scan and across its tail.
    @Test(arguments: awkward)
    func bytesPayloadWritesTheSameBodyAsStrings(text: String) throws {
        for padding in 0..<17 {
            let html = "<p class=\"x\">" + String(repeating: "a", count: padding) + text + "</p>\n"
            let subject = String(repeating: "é", count: padding) + text
            let fromStrings = try body(subject: subject, text: text, html: html, name: nil, key: "k")
            let fromBytes = try body(subject: subject, text: text, html: html, name: nil, key: "k", asBytes: true)
            #expect(fromBytes == fromStrings)
            let expected = try reference(subject: subject, text: text, html: html, name: nil, key: "k")
            #expect(String(decoding: fromBytes, as: UTF8.self) == String(decoding: expected, as: UTF8.self))
        }
    }
}
