import HomingServer
import Testing

@Suite struct TwilioSignatureTests {
    /// The example of Twilio's webhook security documentation.
    static let url = "https://mycompany.com/myapp.php?foo=1&bar=2"
    static let parameters: [(name: String, value: String)] = [
        ("CallSid", "CA1234567890ABCDE"), ("Caller", "+12349013030"), ("Digits", "1234"),
        ("From", "+12349013030"), ("To", "+18005551212"),
    ]
    static let expected = "0/KCTR6DLpKmkAf8muzZqo1nDgQ="

    @Test func twiliosDocumentedExampleVerifiesWhateverTheParameterOrder() {
        let twilio = TwilioSignature(authToken: "12345")
        #expect(twilio.signature(url: Self.url, parameters: Self.parameters) == Self.expected)
        #expect(twilio.isValid(header: Self.expected, url: Self.url, parameters: Self.parameters.reversed()))
    }

    @Test func aTamperedValueOrURLDoesNot() {
        let twilio = TwilioSignature(authToken: "12345")
        var tampered = Self.parameters
        tampered[2].value = "1235"
        #expect(!twilio.isValid(header: Self.expected, url: Self.url, parameters: tampered))
        #expect(
            !twilio.isValid(
                header: Self.expected,
                url: "http://mycompany.com/myapp.php?foo=1&bar=2",
                parameters: Self.parameters
            )
        )
        #expect(
            !twilio.isValid(header: Self.expected, url: Self.url, parameters: Self.parameters + [("Body", "STOP")])
        )
    }

    @Test func anotherTokenDoesNot() {
        #expect(
            !TwilioSignature(authToken: "54321").isValid(
                header: Self.expected,
                url: Self.url,
                parameters: Self.parameters
            )
        )
    }

    @Test(arguments: [nil, "", "0/KCTR6DLpKmkAf8muzZqo1nDgQ", "1/KCTR6DLpKmkAf8muzZqo1nDgQ="])
    func missingOrWrongHeadersAreRefused(header: String?) {
        #expect(
            !TwilioSignature(authToken: "12345").isValid(header: header, url: Self.url, parameters: Self.parameters)
        )
    }
}
