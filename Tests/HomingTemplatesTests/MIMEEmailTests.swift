import Foundation
import HomingCore
import Testing

@testable import HomingTemplates

@Suite struct MIMEEmailTests {
    static let date = Date(timeIntervalSince1970: 1_772_712_000)

    func email(
        _ message: String,
        _ tag: String,
        key: String? = "win-back/e17/2/c42/email"
    ) throws
        -> (RenderedMessage, MIMEEmail)
    {
        let context = MessageContext.sample(for: Fixtures.tag(tag))
        let rendered = try MessageRenderer(catalog: Fixtures.catalog).render(message, channel: .email, context: context)
        let envelope = EmailEnvelope(
            from: EmailAddress("hello@shop.example", name: context.shop.name),
            to: EmailAddress("zoe@example.com", name: "Zoë « Martin »"),
            replyTo: EmailAddress("help@shop.example", name: "Service, client"),
            unsubscribeMailto: "unsubscribe+c42@shop.example",
            unsubscribeURL: "https://shop.example/u/c42",
            idempotencyKey: key,
            date: Self.date
        )
        return (rendered, try MIMEEmail(rendered, envelope: envelope))
    }

    @Test(arguments: ["en", "fr", "zh-Hans-CN", "zh-Hant-TW"])
    func parsesBackExactly(tag: String) throws {
        let (rendered, email) = try email("win-back-offer", tag)
        let reader = try MIMEReader(email.text)
        #expect(MIMEReader.decodeWords(try #require(reader.header("Subject"))) == rendered[.emailSubject])
        let shop = MessageContext.sample(for: Fixtures.tag(tag)).shop.name
        #expect(MIMEReader.decodeWords(try #require(reader.header("From"))) == "\(shop) <hello@shop.example>")
        #expect(MIMEReader.decodeWords(try #require(reader.header("To"))) == "Zoë « Martin » <zoe@example.com>")
        #expect(reader.header("Reply-To") == "\"Service, client\" <help@shop.example>")
        #expect(reader.header("Date") == "Thu, 05 Mar 2026 12:00:00 +0000")
        #expect(reader.header("Message-ID") == "<homing.win-back/e17/2/c42/email@shop.example>")
        #expect(reader.header("X-Homing-Key") == "win-back/e17/2/c42/email")
        #expect(
            reader.header("List-Unsubscribe") == "<mailto:unsubscribe+c42@shop.example>, <https://shop.example/u/c42>"
        )
        #expect(reader.header("List-Unsubscribe-Post") == "List-Unsubscribe=One-Click")
        #expect(reader.header("MIME-Version") == "1.0")
        #expect(reader.header("Content-Type")?.hasPrefix("multipart/alternative;") == true)
        #expect(reader.parts.count == 2)
        #expect(reader.parts[0].headers["Content-Type"] == "text/plain; charset=UTF-8")
        #expect(reader.parts[1].headers["Content-Type"] == "text/html; charset=UTF-8")
        #expect(reader.parts[0].body == rendered[.emailText])
        #expect(reader.parts[1].body == rendered[.emailHTML])
    }

    @Test(arguments: ["en", "fr", "zh-Hant-TW"])
    func linesStayShort(tag: String) throws {
        let (_, email) = try email("post-purchase-thanks", tag)
        let reader = try MIMEReader(email.text)
        for line in reader.lines {
            #expect(line.utf8.count <= 78, "\(line)")
        }
        let bodyStart = try #require(email.text.range(of: "\r\n\r\n")).upperBound
        for line in email.text[bodyStart...].components(separatedBy: "\r\n") {
            #expect(line.utf8.count <= 76, "\(line)")
        }
        #expect(!email.text.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "only CRLF line ends")
    }

    @Test func mostlyChineseBodiesAreBase64AndMostlyLatinOnesQuotedPrintable() throws {
        var context = MessageContext.sample(for: Fixtures.tag("zh-Hans"))
        context.links.shopURL = "https://s.cn"  // short links: the text part is now mostly Chinese
        let rendered = try MessageRenderer(catalog: Fixtures.catalog).render(
            "welcome",
            channel: .email,
            context: context
        )
        let envelope = EmailEnvelope(
            from: EmailAddress("a@s.cn"),
            to: EmailAddress("b@s.cn"),
            unsubscribeURL: "https://s.cn/u"
        )
        let chinese = try MIMEReader(MIMEEmail(rendered, envelope: envelope).text)
        #expect(chinese.parts[0].headers["Content-Transfer-Encoding"] == "base64")
        #expect(chinese.parts[0].body == rendered[.emailText])
        let french = try MIMEReader(email("welcome", "fr").1.text)
        #expect(french.parts.allSatisfy { $0.headers["Content-Transfer-Encoding"] == "quoted-printable" })
    }

    @Test func encodedWordsNeverSplitACharacter() {
        let subject = String(repeating: "最後機會：八折優惠碼即將到期，", count: 4) + "Zoë"
        let encoded = EncodedWord.encode(subject)
        #expect(MIMEReader.decodeWords(encoded) == subject)
        for word in encoded.components(separatedBy: "\r\n ") {
            #expect(word.count <= 75)
            let payload = word.dropFirst("=?UTF-8?B?".count).dropLast(2)
            #expect(String(data: Data(base64Encoded: String(payload))!, encoding: .utf8) != nil)
        }
    }

    @Test func withoutAKeyTheMessageIDIsRandomAndThereIsNoKeyHeader() throws {
        let (_, first) = try email("welcome", "en", key: nil)
        let (_, second) = try email("welcome", "en", key: nil)
        #expect(first.messageID != second.messageID)
        #expect(try MIMEReader(first.text).header("X-Homing-Key") == nil)
    }

    @Test func quotedPrintableRoundTripsAndEscapesWhatItMust() {
        let text = "a=b \tend \nZoë " + String(repeating: "x", count: 200) + "\n"
        let encoded = QuotedPrintable.encode(text)
        #expect(MIMEReader.decodeQuotedPrintable(encoded) == text)
        #expect(encoded.contains("a=3Db"))
        #expect(encoded.contains("end=20\r\n") || encoded.contains("=20\r\n"))
        #expect(encoded.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 76 })
    }

    /// The Date header remembers the last second it wrote; another second must not get its text.
    @Test func dateHeadersFollowTheSecondTheyAreGiven() {
        let noon = Date(timeIntervalSince1970: 1_772_712_000)
        #expect(RFC5322Date.format(noon) == "Thu, 05 Mar 2026 12:00:00 +0000")
        #expect(RFC5322Date.format(noon.addingTimeInterval(0.5)) == "Thu, 05 Mar 2026 12:00:00 +0000")
        #expect(RFC5322Date.format(noon.addingTimeInterval(1)) == "Thu, 05 Mar 2026 12:00:01 +0000")
        #expect(RFC5322Date.format(Date(timeIntervalSince1970: 0)) == "Thu, 01 Jan 1970 00:00:00 +0000")
        #expect(RFC5322Date.format(noon) == "Thu, 05 Mar 2026 12:00:00 +0000")
    }

    /// Emails to several shops in turn keep each one's own From header (they are remembered per sender).
    @Test func fromHeadersStayPerSender() throws {
        let context = MessageContext.sample(for: Fixtures.en)
        let rendered = try MessageRenderer(catalog: Fixtures.catalog).render(
            "welcome",
            channel: .email,
            context: context
        )
        for name in ["Maison Lumière", "青田選物", "Hearth & Field", "Maison Lumière"] {
            let envelope = EmailEnvelope(
                from: EmailAddress("shop@example.com", name: name),
                to: EmailAddress("a@example.com"),
                unsubscribeURL: "https://example.com/u"
            )
            let reader = try MIMEReader(MIMEEmail(rendered, envelope: envelope).text)
            let from = try #require(reader.header("From"))
            #expect(MIMEReader.decodeWords(from) == name + " <shop@example.com>")
        }
    }
}
