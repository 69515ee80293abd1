import Testing

@testable import HomingTemplates

@Suite struct SMSTextTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let text: String
        let encoding: SMSText.Encoding
        let units: Int
        let segments: Int
        var testDescription: String { "\(text.prefix(24))… \(encoding.rawValue) \(units)/\(segments)" }
    }

    static let cases: [Case] = [
        Case(text: "", encoding: .gsm7, units: 0, segments: 0),
        Case(text: "Hello", encoding: .gsm7, units: 5, segments: 1),
        Case(text: String(repeating: "a", count: 160), encoding: .gsm7, units: 160, segments: 1),
        Case(text: String(repeating: "a", count: 161), encoding: .gsm7, units: 161, segments: 2),
        Case(text: String(repeating: "a", count: 306), encoding: .gsm7, units: 306, segments: 2),
        Case(text: String(repeating: "a", count: 307), encoding: .gsm7, units: 307, segments: 3),
        Case(text: String(repeating: "a", count: 459), encoding: .gsm7, units: 459, segments: 3),
        // Extension characters take two septets.
        Case(text: "Prix : 5€", encoding: .gsm7, units: 10, segments: 1),
        Case(text: String(repeating: "€", count: 80), encoding: .gsm7, units: 160, segments: 1),
        Case(text: String(repeating: "€", count: 81), encoding: .gsm7, units: 162, segments: 2),
        // An escape pair is never split: 152 septets then "{" (2) does not fit in 153.
        Case(
            text: String(repeating: "a", count: 152) + "{" + String(repeating: "a", count: 10),
            encoding: .gsm7,
            units: 164,
            segments: 2
        ),
        Case(
            text: String(repeating: "a", count: 152) + "{" + String(repeating: "a", count: 152),
            encoding: .gsm7,
            units: 306,
            segments: 3
        ),
        // French: é, è, à, ù, É and Ç are GSM; ç, ê, ’, « », and no-break spaces are not.
        Case(text: "Café à deux pas, où ? É", encoding: .gsm7, units: 23, segments: 1),
        Case(text: "Ça va", encoding: .gsm7, units: 5, segments: 1),
        Case(text: "Reçu", encoding: .ucs2, units: 4, segments: 1),
        Case(text: "L’été", encoding: .ucs2, units: 5, segments: 1),
        Case(text: "«Bonjour»", encoding: .ucs2, units: 9, segments: 1),
        Case(text: "20\u{00A0}%", encoding: .ucs2, units: 4, segments: 1),
        Case(text: "1\u{202F}234,50", encoding: .ucs2, units: 8, segments: 1),
        Case(text: "Fête", encoding: .ucs2, units: 4, segments: 1),
        // Chinese is UCS-2.
        Case(text: "欢迎加入", encoding: .ucs2, units: 4, segments: 1),
        Case(text: String(repeating: "歡", count: 70), encoding: .ucs2, units: 70, segments: 1),
        Case(text: String(repeating: "歡", count: 71), encoding: .ucs2, units: 71, segments: 2),
        Case(text: String(repeating: "歡", count: 134), encoding: .ucs2, units: 134, segments: 2),
        Case(text: String(repeating: "歡", count: 135), encoding: .ucs2, units: 135, segments: 3),
        // Emoji are surrogate pairs: two units, never split across segments.
        Case(text: "👋", encoding: .ucs2, units: 2, segments: 1),
        Case(
            text: String(repeating: "a", count: 66) + "👋" + String(repeating: "a", count: 10),
            encoding: .ucs2,
            units: 78,
            segments: 2
        ),
        Case(text: "Line\nbreak", encoding: .gsm7, units: 10, segments: 1),
    ]

    @Test(arguments: cases)
    func classify(_ sample: Case) {
        let sms = SMSText(sample.text)
        #expect(sms.encoding == sample.encoding)
        #expect(sms.units == sample.units)
        #expect(sms.segments == sample.segments)
    }

    @Test func plainSpacesTurnFrenchAmountsIntoGSM() {
        let text = SMSText.plainSpaces("-20\u{202F}% sur 1\u{202F}234,50\u{00A0}€")
        #expect(text == "-20 % sur 1 234,50 €")
        #expect(SMSText(text).encoding == .gsm7)
    }

    @Test func checkEnforcesTheSegmentLimit() throws {
        let check = CatalogCheck(catalog: Fixtures.catalog, maxSMSSegments: 1)
        let problems = check.diagnostics.filter { $0.message.contains("segments") }
        #expect(!problems.isEmpty)
        #expect(
            problems.allSatisfy { $0.message.hasSuffix("the limit is 1") && $0.file.hasSuffix("sms.text.mustache") }
        )
    }
}
