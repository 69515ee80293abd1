import Testing

@testable import HomingTemplates

/// Display names and Message-ID keys are tested against their byte sets in place; the answers must be
/// the ones a byte-by-byte walk of the `String` gives.
@Suite struct AllBytesTests {
    static let texts = [
        "", "Camille", "Camille Dubois", "Dubois, Camille", "Jo \"JJ\" Smith", "Zoë", "最後機會",
        "preview/post-purchase-thanks/fr-FR", "send-42/customer-1007/step-3", "a b", "tab\tname",
        String(repeating: "Maison Lumiere ", count: 8), String(repeating: "x", count: 15) + "é",
        String(repeating: "key-", count: 30) + "@",
    ]

    @Test(arguments: texts)
    func matchesAWalkOverTheBytes(text: String) {
        let letters: (UInt64, UInt64) = (0, 0x07FF_FFFE_07FF_FFFE)  // A–Z and a–z
        let spaceAndDigits: (UInt64, UInt64) = (1 << 32 | 0x03FF << 48, 0)
        for masks in [letters, spaceAndDigits, (UInt64.max, UInt64.max), (0, 0)] {
            let expected = text.utf8.allSatisfy { byte in
                byte < 64 ? masks.0 >> byte & 1 == 1 : byte < 128 && masks.1 >> (byte - 64) & 1 == 1
            }
            #expect(ByteScan.allBytes(of: text, in: masks) == expected)
        }
    }

    @Test(arguments: [
        ("Camille Dubois", "Camille Dubois <c@example.fr>"),
        ("Dubois, Camille", "\"Dubois, Camille\" <c@example.fr>"),
        ("Jo \"JJ\"", "\"Jo \\\"JJ\\\"\" <c@example.fr>"),
        ("Zoë", "=?UTF-8?B?Wm/Dqw==?= <c@example.fr>"),
    ])
    func displayNamesAreQuotedOnlyWhenTheyMustBe(name: String, expected: String) {
        #expect(EmailAddress("c@example.fr", name: name).headerValue == expected)
    }
}
