import Foundation
import HomingCore
import Testing

@testable import HomingTemplates

/// The writers that put a message together in place (headers into one allocation, fills without the
/// template's white space at the ends, non-ASCII counted while filling) must give the bytes the array
/// and scanning versions give on the same inputs.
@Suite struct InPlaceWritingTests {
    static let texts = [
        "", "Hello", "Zoë « Martin »", "最後機會：八折優惠，只到週日", "Smith, \"Jo\"", "a=?b", "tab\there",
        String(repeating: "é", count: 120), String(repeating: "中文", count: 90) + "x",
        String(repeating: "plain ascii words ", count: 20), "🎉 Merci ! 🎉",
    ]

    @Test(arguments: texts)
    func encodedWordsIntoAWriterMatchTheArray(text: String) {
        var array: [UInt8] = []
        EncodedWord.append(text, to: &array)
        let bound = EncodedWord.maximumCount(text.utf8.count)
        let written = [UInt8](unsafeUninitializedCapacity: bound) { buffer, count in
            var out = ByteWriter(buffer.baseAddress!, capacity: buffer.count)
            Array(text.utf8).withUnsafeBufferPointer { EncodedWord.append($0, to: &out) }
            count = out.count
        }
        #expect(written == array)
        #expect(String(decoding: array, as: UTF8.self) == EncodedWord.encode(text))
    }

    @Test(arguments: texts)
    func addressesIntoAWriterMatchTheArrayWithinTheirBound(name: String) {
        let address = EmailAddress("zoe@example.com", name: name)
        var array: [UInt8] = []
        address.appendHeaderValue(to: &array)
        let bound = EncodedWord.maximumCount(name.utf8.count) + address.address.utf8.count
        #expect(array.count <= bound)
        let written = [UInt8](unsafeUninitializedCapacity: bound) { buffer, count in
            var out = ByteWriter(buffer.baseAddress!, capacity: buffer.count)
            address.appendHeaderValue(to: &out)
            count = out.count
        }
        #expect(written == array)
        #expect(String(decoding: array, as: UTF8.self) == address.headerValue)
    }

    @Test func nonASCIICountsMatchTheScan() {
        let pieces: [[UInt8]] = [Array("abc".utf8), Array("é".utf8), Array("中".utf8), [0x7F, 0x80, 0xFF, 0x00]]
        for length in 0...40 {
            var bytes: [UInt8] = []
            var piece = length
            while bytes.count < length {
                bytes += pieces[piece % pieces.count]
                piece = piece * 7 + 3
            }
            bytes.withUnsafeBufferPointer { bytes in
                #expect(ByteScan.nonASCIICount(bytes) == ByteScan.count(bytes).nonASCII, "\(length)")
            }
        }
    }

    @Test(arguments: [
        "\n  Hi \u{E000}0\u{E001}!\n \n", "Hi \u{E000}0\u{E001}", " \n\u{E000}0\u{E001} \u{E000}1\u{E001}\t\n",
        " \t\n ", "", "\u{3000} Hi \u{E000}0\u{E001} \u{A0}\n", "  \u{E000}0\u{E001}  ",
    ])
    func fillsLeaveOutTheEndsTrimmingRemoves(rendered: String) throws {
        let skeleton = try #require(TemplateSkeleton(rendered: rendered))
        for values in [["Zoë", "x"], ["", ""], [" \n", "\u{3000}"], ["<b>", "&"]] {
            let full = rendered.replacingOccurrences(of: "\u{E000}0\u{E001}", with: values[0])
                .replacingOccurrences(of: "\u{E000}1\u{E001}", with: values[1])
            for part in [TemplatePart.emailText, .emailSubject, .smsText] {
                let filled = skeleton.fill(values, escapingHTML: false)
                #expect(
                    MessageRenderer.finish(filled.bytes, part: part)
                        == Array(MessageRenderer.finish(full, part: part).utf8),
                    "\(rendered.debugDescription) \(values) \(part)"
                )
            }
        }
    }

    @Test func trimmingDecidesNonASCIIWhiteSpaceAsUnicodeDoes() {
        for value in 0x80...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            if MessageRenderer.isWhitespace(scalar) != scalar.properties.isWhitespace {
                Issue.record("U+\(String(value, radix: 16))")
            }
        }
    }

    /// Runs of escapes (Chinese values, `=`) take a path of their own in the encoder: at every column
    /// and next to plain text, spaces and line ends they must encode as the byte-by-byte reference.
    @Test func escapeRunsEncodeAsTheReference() {
        let pieces = ["中文字", "==", "a", " ", "\n", "é", "plain text ", "\r\n", "\t"]
        for start in 0..<80 {
            for piece in pieces {
                let text = String(repeating: "x", count: start) + piece + String(repeating: "中=", count: start % 30)
                let bytes = Array((text + piece).utf8)
                let encoded = Array(QuotedPrintable.encode(text + piece).utf8)
                #expect(encoded == BodyEncodingTests.referenceQuotedPrintable(bytes), "\(start) \(piece)")
            }
        }
    }

    /// Display names are quoted unless made of RFC 5322 atext and spaces, decided by a bit mask per byte.
    @Test func displayNamesAreQuotedExactlyWhenAByteIsNotAtext() {
        let atext = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 !#$%&'*+-/=?^_`{|}~".utf8)
        for byte in UInt8(0x20)..<0x7F where byte != UInt8(ascii: "?") {
            let name = "Jo" + String(UnicodeScalar(byte)) + "Smith"
            let value = EmailAddress("jo@example.com", name: name).headerValue
            #expect(value.hasPrefix("\"") == !atext.contains(byte), "\(name)")
        }
    }

    /// Recent links are found before the dictionary: the same tagged text either way.
    @Test func taggedLinksAreTheSameFromTheRecentListAndTheDictionary() {
        let links = TaggedLinks(message: "win-back-offer", channel: .email)
        let urls = (0..<9).map { "https://shop\($0).example/p?x=\($0)#top" }
        for _ in 0..<3 {
            for url in urls + urls.prefix(2) {
                #expect(links.tagged(url) == TaggedLinks.tagged(url, links.utm))
            }
        }
    }

    /// HTML escaping skips eight bytes at a time: a special byte at any position and length is still
    /// replaced, as a replacement per character does.
    @Test func htmlEscapingMatchesAReplacementPerCharacter() {
        let pieces = ["a", "&", "<", ">", "\"", "'", "é", "中", "=", "/", "0", "!", "%", "("]
        for length in 0..<40 {
            for special in 0..<pieces.count {
                let text = (0..<length).map { pieces[($0 * 7 + special) % pieces.count] }.joined()
                let reference = text.map { character -> String in
                    switch character {
                    case "&": "&amp;"
                    case "<": "&lt;"
                    case ">": "&gt;"
                    case "\"": "&quot;"
                    case "'": "&#39;"
                    default: String(character)
                    }
                }.joined()
                let bytes = Array(text.utf8)
                let escaped = [UInt8](unsafeUninitializedCapacity: bytes.count * 6) { buffer, count in
                    var out = ByteWriter(buffer.baseAddress!, capacity: buffer.count)
                    bytes.withUnsafeBufferPointer { HTMLEscape.append($0, to: &out) }
                    count = out.count
                }
                #expect(String(decoding: escaped, as: UTF8.self) == reference, "\(text)")
            }
        }
    }
}
