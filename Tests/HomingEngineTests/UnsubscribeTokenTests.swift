import Crypto
import Foundation
import HomingCore
import Testing

@testable import HomingEngine

/// Unsubscribe tokens: base64url written by hand, signatures that verify and refuse tampering.
@Suite struct UnsubscribeTokenTests {
    static var secret: SymmetricKey { SymmetricKey(data: Array("test-link-secret-0123456789".utf8)) }

    @Test(arguments: 0...40)
    func base64URLIsFoundationsBase64WithURLAlphabetAndNoPadding(length: Int) {
        let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 97 &+ 251) }
        let reference = Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        #expect(UnsubscribeToken.base64URL(bytes) == reference)
    }

    @Test func signedTokenVerifiesBackToItself() throws {
        let token = UnsubscribeToken(
            customerID: "c_1042 Zoë 我",
            scope: .email,
            issuedAt: Instant(millisecondsSince1970: 1_772_000_000_000)
        )
        let text = token.signed(with: Self.secret)
        #expect(!text.contains("=") && !text.contains("+") && !text.contains("/"))
        #expect(try UnsubscribeToken.verify(text, with: Self.secret) == token)
    }

    @Test func changedByteFailsVerification() throws {
        let text = UnsubscribeToken(customerID: "c_7", scope: .all, issuedAt: .now).signed(with: Self.secret)
        var bytes = Array(text.utf8)
        bytes[2] = bytes[2] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        #expect(throws: UnsubscribeToken.Invalid.self) {
            try UnsubscribeToken.verify(String(decoding: bytes, as: UTF8.self), with: Self.secret)
        }
    }
}
