import Crypto
import Foundation
import HomingServer
import Testing

@Suite struct SendGridEventSignatureTests {
    /// The vector every SendGrid library tests with.
    static let publicKey =
        "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEEDr2LjtURuePQzplybdC+u4CwrqDqBaWjcMMsTbhdbcwHBcepxo7yAQGhHPTnlvFYPAZFceEu/1FwCM/QmGUhA=="
    static let otherKey =
        "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEqTxd43gyp8IOEto2LdIfjRQrIbsd4SXZkLW6jDutdhXSJCWHw8REntlo7aNDthvj+y7GjUuFDb/R1NGe1OPzpA=="
    static let signature =
        "MEUCIQCtIHJeH93Y+qpYeWrySphQgpNGNr/U+UyUlBkU6n7RAwIgJTz2C+8a8xonZGi6BpSzoQsbVRamr2nlxFDWYNH2j/0="
    static let timestamp = "1588788367"
    static let payload = Array(#"{"category":"example_payload","event":"test_event","message_id":"message_id"}"#.utf8)

    @Test func sendGridsPublishedVectorVerifies() throws {
        let sendgrid = try SendGridEventSignature(base64Key: Self.publicKey)
        #expect(sendgrid.isValid(signature: Self.signature, timestamp: Self.timestamp, body: Self.payload))
    }

    @Test func aTamperedBodyOrTimestampDoesNot() throws {
        let sendgrid = try SendGridEventSignature(base64Key: Self.publicKey)
        let spaced = Array(#"{"category": "example_payload","event":"test_event","message_id":"message_id"}"#.utf8)
        #expect(!sendgrid.isValid(signature: Self.signature, timestamp: Self.timestamp, body: spaced))
        #expect(!sendgrid.isValid(signature: Self.signature, timestamp: "1588788368", body: Self.payload))
    }

    @Test func anotherKeyDoesNot() throws {
        let sendgrid = try SendGridEventSignature(base64Key: Self.otherKey)
        #expect(!sendgrid.isValid(signature: Self.signature, timestamp: Self.timestamp, body: Self.payload))
    }

    static let brokenHeaders: [(signature: String?, timestamp: String?)] = [
        (nil, timestamp), (signature, nil), (signature, ""), ("", timestamp), ("not base64!", timestamp),
    ]

    @Test(arguments: brokenHeaders)
    func missingOrMalformedHeadersAreRefused(signature: String?, timestamp: String?) throws {
        let sendgrid = try SendGridEventSignature(base64Key: Self.publicKey)
        #expect(!sendgrid.isValid(signature: signature, timestamp: timestamp, body: Self.payload))
    }

    @Test func aKeyGeneratedHereSignsAndVerifiesThroughTheBase64DERForm() throws {
        let privateKey = P256.Signing.PrivateKey()
        let base64Key = privateKey.publicKey.derRepresentation.base64EncodedString()
        let body = Array(#"[{"email":"zoë@example.com","event":"bounce"}]"#.utf8)
        let header = try privateKey.signature(for: Array("1700000000".utf8) + body).derRepresentation
            .base64EncodedString()
        let sendgrid = try SendGridEventSignature(base64Key: base64Key)
        #expect(sendgrid.isValid(signature: header, timestamp: "1700000000", body: body))
        let stranger = try SendGridEventSignature(
            base64Key: P256.Signing.PrivateKey().publicKey.derRepresentation.base64EncodedString()
        )
        #expect(!stranger.isValid(signature: header, timestamp: "1700000000", body: body))
    }

    @Test(arguments: ["", "not a key", "c2VjcmV0"])
    func aValueThatIsNoPublicKeyIsRefusedAtOnce(text: String) {
        #expect(throws: SendGridEventSignature.InvalidKey.self) { try SendGridEventSignature(base64Key: text) }
    }
}
