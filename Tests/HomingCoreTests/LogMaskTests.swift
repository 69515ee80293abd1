import HomingCore
import Testing

@Suite struct LogMaskTests {
    @Test func emailsKeepTheirFirstCharacterAndDomain() {
        #expect(LogMask.address("ana@example.com") == "a***@example.com")
        #expect(LogMask.address("jean-pierre.dupont@mail.example.fr") == "j***@mail.example.fr")
        #expect(LogMask.address("  ana@example.com\n") == "a***@example.com")
    }

    @Test func shortLocalPartsAreMaskedWhole() {
        #expect(LogMask.address("li@example.cn") == "***@example.cn")
        #expect(LogMask.address("a@example.com") == "***@example.com")
        #expect(LogMask.address("@example.com") == "***@example.com")
    }

    @Test func nonASCIIIsNeverCutInsideACharacter() {
        #expect(LogMask.address("élodie@exemple.fr") == "é***@exemple.fr")
        #expect(LogMask.address("李小龙@例子.中国") == "李***@例子.中国")
        // "e" + combining acute accent is one character: both code points stay together.
        #expect(LogMask.address("e\u{301}lise@example.com") == "e\u{301}***@example.com")
    }

    @Test func phoneNumbersKeepTwoLeadingAndTwoTrailingDigitsWithAFixedMask() {
        #expect(LogMask.address("+33612345678") == "+33******78")
        #expect(LogMask.address("+8613812345678") == "+86******78")
        #expect(LogMask.address("+1 (415) 555-0100") == "+14******00")
        #expect(LogMask.address("0612345678") == "06******78")
    }

    @Test func missingAndUnrecognisedValuesRevealNothing() {
        #expect(LogMask.address(nil) == "-")
        #expect(LogMask.address("") == "-")
        #expect(LogMask.address("   ") == "-")
        #expect(LogMask.address("12345") == "***", "too short to be a phone number: masked whole")
        #expect(LogMask.address("fcm:dQw4w9WgXcQ-token") == "***")
        #expect(LogMask.address("+33 6 12 ab") == "***")
    }
}

@Suite struct LogMaskRedactingTests {
    @Test func addressesInFreeTextAreMaskedAndTheRestKept() {
        #expect(
            LogMask.redacting(#"data.email: "ana@example.com" is suppressed"#)
                == #"data.email: "a***@example.com" is suppressed"#
        )
        #expect(
            LogMask.redacting("To: Zoé <zoe@example.fr>, cc li@example.cn.")
                == "To: Zoé <z***@example.fr>, cc ***@example.cn."
        )
        #expect(LogMask.redacting("sms to +33612345678: 21211 unreachable") == "sms to +33******78: 21211 unreachable")
    }

    @Test func idsAndHandlesAreNotMistakenForAddresses() {
        let text = "order 820982911946154508 at 2026-11-20T10:15:00Z by @shop (x@)"
        #expect(LogMask.redacting(text) == text)
    }
}
