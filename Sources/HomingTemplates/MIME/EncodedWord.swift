import Foundation

/// RFC 2047 encoded-words for header text that is not plain ASCII.
///
/// ```swift
/// EncodedWord.encode("Hello")           // "Hello" (nothing to encode)
/// EncodedWord.encode("最後機會：八折")    // "=?UTF-8?B?5pyA5b6M5qmf5pyD77ya5YWr5oqY?="
/// ```
///
/// Base64 ("B") words of at most 39 UTF-8 bytes, cut only between Unicode scalars so each word decodes on
/// its own, joined by folding whitespace; a folded `Subject:` line stays under 76 characters.
enum EncodedWord {
    static let maxBytesPerWord = 39

    static func needsEncoding(_ text: String) -> Bool {
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if byte >= 0x80 || byte < 0x20 || (previous == 0x3D && byte == 0x3F) { return true }
            previous = byte
        }
        return false
    }

    /// `text` unchanged when it is printable ASCII, otherwise encoded-words joined by CRLF + space.
    static func encode(_ text: String) -> String {
        guard needsEncoding(text) else { return text }
        var words: [String] = []
        let bytes = Array(text.utf8)
        var start = 0
        while start < bytes.count {
            var end = min(start + maxBytesPerWord, bytes.count)
            // Back up to the first byte of a scalar so no word ends inside one.
            while end < bytes.count, end > start, bytes[end] & 0xC0 == 0x80 { end -= 1 }
            words.append(word(bytes[start..<end]))
            start = end
        }
        return words.joined(separator: "\r\n ")
    }

    private static func word(_ bytes: ArraySlice<UInt8>) -> String {
        "=?UTF-8?B?" + Data(bytes).base64EncodedString() + "?="
    }
}
