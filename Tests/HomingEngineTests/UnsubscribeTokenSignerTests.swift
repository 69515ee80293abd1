import Crypto
import HomingCore
import Testing

@testable import HomingEngine

/// A signer keyed once signs exactly as keying per token did, also when shared by concurrent sends.
@Suite struct UnsubscribeTokenSignerTests {
    static var secret: SymmetricKey { SymmetricKey(data: Array("test-link-secret-0123456789".utf8)) }

    static let tokens = [
        UnsubscribeToken(
            customerID: "c_1042",
            scope: .email,
            issuedAt: Instant(millisecondsSince1970: 1_772_000_000_000)
        ),
        UnsubscribeToken(customerID: "Zoë 我 ", scope: .sms, issuedAt: Instant(millisecondsSince1970: 0)),
        UnsubscribeToken(customerID: "", scope: .all, issuedAt: Instant(millisecondsSince1970: 1_234_567)),
    ]

    @Test(arguments: tokens)
    func signerWritesWhatSigningPerTokenWrote(token: UnsubscribeToken) throws {
        let text = UnsubscribeToken.Signer(secret: Self.secret).sign(token)
        #expect(text == token.signed(with: Self.secret))
        #expect(try UnsubscribeToken.verify(text, with: Self.secret) == token)
    }

    @Test func otherSecretDoesNotVerify() {
        let text = UnsubscribeToken.Signer(secret: SymmetricKey(data: Array("another-secret".utf8))).sign(
            Self.tokens[0]
        )
        #expect(throws: UnsubscribeToken.Invalid.self) { try UnsubscribeToken.verify(text, with: Self.secret) }
    }

    /// Each signature copies the keyed state; a signature that updated the shared one would make
    /// every later token (and concurrent ones) wrong.
    @Test func sharedSignerStaysCorrectUnderConcurrentUse() async {
        let signer = UnsubscribeToken.Signer(secret: Self.secret)
        let wrong = await withTaskGroup(of: Int.self) { group in
            for task in 0..<8 {
                group.addTask {
                    var wrong = 0
                    for index in 0..<200 {
                        let token = UnsubscribeToken(
                            customerID: "c_\(task)_\(index)",
                            scope: .email,
                            issuedAt: Instant(millisecondsSince1970: Int64(index) * 1000)
                        )
                        if signer.sign(token) != token.signed(with: Self.secret) { wrong += 1 }
                    }
                    return wrong
                }
            }
            return await group.reduce(0, +)
        }
        #expect(wrong == 0)
    }
}
