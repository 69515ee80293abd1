extension [UInt8] {
    /// Appends a literal's UTF-8 as one copy.
    ///
    /// ```swift
    /// var out: [UInt8] = []
    /// out.appendUTF8("\r\nSubject: ")
    /// ```
    ///
    /// `append(contentsOf: "…".utf8)` walks a `String`'s view byte by byte; headers are written for every
    /// message, a dozen pieces each.
    mutating func appendUTF8(_ text: StaticString) {
        append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Appends a string's UTF-8 as one copy.
    mutating func appendUTF8(_ text: String) {
        var text = text
        text.withUTF8 { append(contentsOf: $0) }
    }
}
