import Foundation
import HomingCore
import Testing

/// `hasSameUTF8(as:)` is byte equality, where `==` is canonical equivalence.
@Suite struct StringSameUTF8Tests {
    @Test func canonicallyEquivalentSpellingsAreNotTheSameBytes() {
        let composed = "Caf\u{E9}"
        let decomposed = "Cafe\u{301}"
        #expect(composed == decomposed)
        #expect(!composed.hasSameUTF8(as: decomposed))
        #expect(!decomposed.hasSameUTF8(as: composed))
    }

    @Test func equalBytesMatchWhateverTheirStorage() {
        let literal = "Zoë & Co · 中文"
        let built = String(decoding: Array(literal.utf8), as: UTF8.self)
        let bridged = NSString(string: literal) as String
        #expect(literal.hasSameUTF8(as: built))
        #expect(literal.hasSameUTF8(as: bridged))
        #expect("".hasSameUTF8(as: ""))
        #expect(!"".hasSameUTF8(as: " "))
        #expect(!"abc".hasSameUTF8(as: "abd"))
        #expect(!"abc".hasSameUTF8(as: "abcd"))
    }
}
