/// A strict pull reader over a JSON body's bytes: the caller walks the document it expects and
/// skips the rest, so nothing is built that is not kept (`JSONDecoder` builds a map of the whole
/// payload first, and was a fifth of a Shopify webhook's CPU with the `Decodable` conformances).
///
/// ```swift
/// var reader = JSONReader(body)
/// var total: String?
/// try reader.document { reader throws(JSONReadError) in
///     try reader.object { key, reader throws(JSONReadError) in
///         if key == "total_price" { total = try reader.text() } else { try reader.skip() }
///     }
/// }
/// ```
///
/// Strict as RFC 8259 whatever is kept or skipped: one value and only whitespace around it, no
/// trailing commas, no comments, no control characters in strings, valid UTF-8, `\u` escapes with
/// their surrogate pairs, numbers as the grammar has them, at most ``maximumDepth`` nested
/// containers. A key sent twice is read twice, so with assignments the last one wins.
///
/// Errors carry the dotted path in the sender's names (`line_items.0.quantity`), where a syntax
/// error also says where the body broke off.
struct JSONReader {
    /// Deeper bodies are refused: containers are read recursively, and a Shopify order nests about
    /// five levels.
    static let maximumDepth = 128

    let bytes: [UInt8]
    var offset = 0
    private var depth = 0
    /// Where the reader is, for errors: keys as byte ranges of `bytes` (or decoded, when escaped).
    private var path: [PathComponent] = []

    private enum PathComponent {
        case key(Range<Int>)
        case escapedKey(String)
        case index(Int)
    }

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        path.reserveCapacity(8)
    }

    /// Reads the whole body with `body`, which must read exactly one value.
    mutating func document<T>(_ body: (inout JSONReader) throws(JSONReadError) -> T) throws(JSONReadError) -> T {
        let value = try body(&self)
        skipWhitespace()
        guard offset == bytes.count else { throw malformed("unexpected \(describeNext()) after the document") }
        return value
    }

    /// Reads an object, handing each key to `body`, which must read or skip its value.
    mutating func object(
        _ body: (JSONKey, inout JSONReader) throws(JSONReadError) -> Void
    ) throws(JSONReadError) {
        guard try peek() == UInt8(ascii: "{") else { throw mismatch("an object") }
        try enter()
        offset += 1
        if try peek() == UInt8(ascii: "}") {
            offset += 1
            depth -= 1
            return
        }
        while true {
            guard try peek() == UInt8(ascii: "\"") else { throw malformed("expected a key in quotes") }
            let key = try readKey()
            guard try peek() == UInt8(ascii: ":") else { throw malformed("expected ':' after a key") }
            offset += 1
            path.append(key.escaped.map(PathComponent.escapedKey) ?? .key(key.range))
            try body(key, &self)
            path.removeLast()
            switch try peek() {
            case UInt8(ascii: ","): offset += 1
            case UInt8(ascii: "}"):
                offset += 1
                depth -= 1
                return
            default: throw malformed("expected ',' or '}' in an object")
            }
        }
    }

    /// Reads an array, handing each element to `body`, which must read or skip it.
    mutating func array(_ body: (inout JSONReader) throws(JSONReadError) -> Void) throws(JSONReadError) {
        guard try peek() == UInt8(ascii: "[") else { throw mismatch("an array") }
        try enter()
        offset += 1
        if try peek() == UInt8(ascii: "]") {
            offset += 1
            depth -= 1
            return
        }
        var index = 0
        while true {
            path.append(.index(index))
            try body(&self)
            path.removeLast()
            index += 1
            switch try peek() {
            case UInt8(ascii: ","): offset += 1
            case UInt8(ascii: "]"):
                offset += 1
                depth -= 1
                return
            default: throw malformed("expected ',' or ']' in an array")
            }
        }
    }

    /// Consumes a `null` and returns true, or returns false with nothing consumed.
    mutating func null() throws(JSONReadError) -> Bool {
        guard try peek() == UInt8(ascii: "n") else { return false }
        try literal("null")
        return true
    }

    /// A string value; `null` or another type is an error naming the field.
    mutating func string() throws(JSONReadError) -> String {
        switch try peek() {
        case UInt8(ascii: "\""): return try readString()
        case UInt8(ascii: "n"):
            try literal("null")
            throw problem(.null)
        default: throw mismatch("a string")
        }
    }

    /// A string, or a number kept as its literal text: Shopify sends prices as strings, other
    /// senders as numbers (`"600.00"` or `600.00`).
    mutating func text() throws(JSONReadError) -> String {
        guard try isNumberNext() else { return try string() }
        let range = try readNumber()
        return String(decoding: bytes[range], as: UTF8.self)
    }

    /// An integer, sent as a number or as a string of digits (Shopify ids are numbers in payloads
    /// and strings in other APIs); kept as its decimal text.
    mutating func integerText() throws(JSONReadError) -> String {
        if try peek() == UInt8(ascii: "\"") {
            let text = try readString()
            guard Int64(text) != nil else { throw mismatch("an integer") }
            return text
        }
        return String(try integer())
    }

    /// An integer number in the range of `Int64`.
    mutating func integer() throws(JSONReadError) -> Int64 {
        guard try isNumberNext() else {
            if try null() { throw problem(.null) }
            throw mismatch("an integer")
        }
        let range = try readNumber()
        guard let value = Int64(String(decoding: bytes[range], as: UTF8.self)) else {
            throw mismatch("an integer")
        }
        return value
    }

    /// `true` or `false`; `null` and other types are errors.
    mutating func bool() throws(JSONReadError) -> Bool {
        switch try peek() {
        case UInt8(ascii: "t"):
            try literal("true")
            return true
        case UInt8(ascii: "f"):
            try literal("false")
            return false
        case UInt8(ascii: "n"):
            try literal("null")
            throw problem(.null)
        default: throw mismatch("true or false")
        }
    }

    /// Reads and checks a value of any type without keeping it.
    mutating func skip() throws(JSONReadError) {
        switch try peek() {
        case UInt8(ascii: "{"): try object { _, reader throws(JSONReadError) in try reader.skip() }
        case UInt8(ascii: "["): try array { reader throws(JSONReadError) in try reader.skip() }
        case UInt8(ascii: "\""): try scanString()
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        default:
            guard try isNumberNext() else { throw malformed("unexpected \(describeNext())") }
            _ = try readNumber()
        }
    }

    // MARK: Errors

    /// The error for a field this reader is in, or for `child` of it (a missing key).
    func problem(_ kind: JSONReadError.Kind, child: String? = nil) -> JSONReadError {
        var names = path.map { component in
            switch component {
            case .key(let range): String(decoding: bytes[range], as: UTF8.self)
            case .escapedKey(let name): name
            case .index(let index): String(index)
            }
        }
        if let child { names.append(child) }
        return JSONReadError(kind: kind, field: names.isEmpty ? nil : names.joined(separator: "."))
    }

    /// A field this object must have and did not.
    func missing(_ name: String) -> JSONReadError { problem(.missing, child: name) }

    func mismatch(_ expected: String) -> JSONReadError { problem(.mismatch(expected: expected)) }

    func malformed(_ detail: String) -> JSONReadError {
        problem(.malformed("\(detail) at byte \(min(offset, bytes.count))"))
    }

    // MARK: Scanning

    /// The next non-whitespace byte, not consumed; the end of the body is an error.
    mutating func peek() throws(JSONReadError) -> UInt8 {
        skipWhitespace()
        guard offset < bytes.count else { throw malformed("the body ends too early") }
        return bytes[offset]
    }

    private mutating func skipWhitespace() {
        while offset < bytes.count {
            switch bytes[offset] {
            case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"): offset += 1
            default: return
            }
        }
    }

    private mutating func enter() throws(JSONReadError) {
        depth += 1
        guard depth <= Self.maximumDepth else { throw malformed("nested deeper than \(Self.maximumDepth) levels") }
    }

    private mutating func literal(_ word: StaticString) throws(JSONReadError) {
        let count = word.utf8CodeUnitCount
        let matches = word.withUTF8Buffer { word in
            offset + count <= bytes.count && bytes[offset..<offset + count].elementsEqual(word)
        }
        guard matches else { throw malformed("unexpected \(describeNext())") }
        offset += count
    }

    private mutating func isNumberNext() throws(JSONReadError) -> Bool {
        let byte = try peek()
        return byte == UInt8(ascii: "-") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    /// `-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?`, returned as its byte range.
    private mutating func readNumber() throws(JSONReadError) -> Range<Int> {
        let start = offset
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "-") { offset += 1 }
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "0") {
            offset += 1
        } else if try digits() == 0 {
            throw malformed("a number needs digits")
        }
        if offset < bytes.count, bytes[offset] == UInt8(ascii: ".") {
            offset += 1
            guard try digits() > 0 else { throw malformed("a number needs digits after '.'") }
        }
        if offset < bytes.count, bytes[offset] | 0x20 == UInt8(ascii: "e") {
            offset += 1
            if offset < bytes.count, bytes[offset] == UInt8(ascii: "+") || bytes[offset] == UInt8(ascii: "-") {
                offset += 1
            }
            guard try digits() > 0 else { throw malformed("a number needs digits in its exponent") }
        }
        return start..<offset
    }

    private mutating func digits() throws(JSONReadError) -> Int {
        let start = offset
        while offset < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[offset]) { offset += 1 }
        return offset - start
    }

    func describeNext() -> String {
        guard offset < bytes.count else { return "end of the body" }
        let byte = bytes[offset]
        return (0x21..<0x7F).contains(byte)
            ? "'\(Character(Unicode.Scalar(byte)))'" : "byte 0x\(String(byte, radix: 16))"
    }
}
