import Foundation
import HomingCore
import Testing

/// JSONBytes finds escapes eight bytes at a time; every byte that needs one must be found wherever
/// it sits in a word, and nothing else may be escaped.
@Suite struct JSONBytesTests {
    /// Bytes the word test must flag, bytes next to its thresholds that it must not, and non-ASCII.
    static let specials = ["\"", "\\", "\u{0}", "\n", "\u{1F}", " ", "!", "#", "[", "]", "\u{7F}", "é", "我", "🎁"]

    func encoded(_ text: String) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return String(decoding: try encoder.encode(text), as: UTF8.self)
    }

    @Test(arguments: specials)
    func escapesMatchJSONEncoderAtEveryOffset(special: String) throws {
        for offset in 0..<20 {
            for length in [offset, offset + 1, offset + 7, offset + 9, 24] {
                let text =
                    String(repeating: "a", count: offset) + special
                    + String(repeating: "b", count: max(0, length - offset))
                var fromString = JSONBytes(capacity: 0)
                fromString.string(text)
                var fromBytes = JSONBytes(capacity: 0)
                fromBytes.string(utf8: Array(text.utf8))
                let expected = try encoded(text)
                #expect(String(decoding: fromString.bytes, as: UTF8.self) == expected)
                #expect(fromBytes.bytes == fromString.bytes)
            }
        }
    }

    @Test func wordFullOfEscapesIsEscapedWhole() throws {
        let text = "\"\\\u{1}\"\\\u{2}\"\\\"\\\u{3}\"\\\u{4}\"\\"
        var out = JSONBytes(capacity: 0)
        out.string(text)
        #expect(String(decoding: out.bytes, as: UTF8.self) == (try encoded(text)))
    }
}
