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
        var text = text
        return text.withUTF8(needsEncoding)
    }

    static func needsEncoding(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var previous: UInt8 = 0
        for byte in bytes {
            if byte >= 0x80 || byte < 0x20 || (previous == 0x3D && byte == 0x3F) { return true }
            previous = byte
        }
        return false
    }

    /// `text` unchanged when it is printable ASCII, otherwise encoded-words joined by CRLF + space.
    static func encode(_ text: String) -> String {
        guard needsEncoding(text) else { return text }
        var out: [UInt8] = []
        append(text, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Writes what ``encode(_:)`` returns into a message's bytes.
    static func append(_ text: String, to out: inout some ByteSink) {
        var text = text
        text.withUTF8 { append($0, to: &out) }
    }

    /// ``append(_:to:)`` for text that is already UTF-8 bytes, such as a rendered subject.
    static func append(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout some ByteSink) {
        guard needsEncoding(bytes) else {
            out.appendBytes(bytes)
            return
        }
        var start = 0
        while start < bytes.count {
            var end = min(start + maxBytesPerWord, bytes.count)
            // Back up to the first byte of a scalar so no word ends inside one.
            while end < bytes.count, end > start, bytes[end] & 0xC0 == 0x80 { end -= 1 }
            if start > 0 { out.appendUTF8("\r\n ") }
            out.appendUTF8("=?UTF-8?B?")
            out.appendBase64(UnsafeBufferPointer(rebasing: bytes[start..<end]))
            out.appendUTF8("?=")
            start = end
        }
    }

    /// The most ``append(_:to:)`` writes for `count` bytes: quoted, plain or in encoded-words of at least
    /// 36 bytes each (a word backs up at most three bytes to a scalar's start), 67 bytes a word folded.
    static func maximumCount(_ count: Int) -> Int {
        3 * count + 67
    }
}
