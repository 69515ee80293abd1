/// A JSON text written byte by byte, with `JSONEncoder`'s string escaping: the SendGrid body and
/// the webhook's flat objects and a Shopify order's items, where `JSONEncoder` and
/// `JSONSerialization` cost a tenth of the request's CPU.
///
/// ```swift
/// var out = JSONBytes(capacity: 64)
/// out.raw("{")
/// out.string("event")
/// out.raw(":")
/// out.string("welcome")
/// out.raw("}")
/// out.bytes     // {"event":"welcome"}
/// ```
public struct JSONBytes: Sendable {
    public private(set) var bytes: [UInt8] = []

    public init(capacity: Int) { bytes.reserveCapacity(capacity) }

    public mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// `value` quoted, escaping `"`, `\` and U+0000…U+001F; slashes and non-ASCII stay as they are.
    public mutating func string(_ value: String) {
        var value = value
        value.withUTF8 { string(utf8: $0) }
    }

    /// UTF-8 bytes (which must be valid UTF-8) quoted and escaped as ``string(_:)`` does a `String`:
    /// for text that is already bytes, such as rendered templates, without building a `String`.
    public mutating func string(utf8 value: [UInt8]) {
        value.withUnsafeBufferPointer { string(utf8: $0) }
    }

    /// Runs between escapes are copied whole (appending byte by byte cost a uniqueness check each),
    /// and found eight bytes at a time: HTML bodies are kilobytes with an escape every few dozen.
    private mutating func string(utf8: UnsafeBufferPointer<UInt8>) {
        bytes.append(UInt8(ascii: "\""))
        var start = 0
        var index = 0
        while index < utf8.count {
            if index + 8 <= utf8.count, !Self.needsEscape(UnsafeRawPointer(utf8.baseAddress! + index)) {
                index += 8
                continue
            }
            let byte = utf8[index]
            if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
                escape(byte)
                start = index + 1
            }
            index += 1
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
        bytes.append(UInt8(ascii: "\""))
    }

    /// Whether any of the eight bytes at `pointer` may be below 0x20, `"` or `\` (``ByteLanes``).
    private static func needsEscape(_ pointer: UnsafeRawPointer) -> Bool {
        let word = pointer.loadUnaligned(as: UInt64.self)
        return ByteLanes.belowMask(word, 0x20) | ByteLanes.equalMask(word, 0x22) | ByteLanes.equalMask(word, 0x5C) != 0
    }

    /// `value` as a JSON number.
    public mutating func integer(_ value: Int) {
        bytes.append(contentsOf: String(value).utf8)
    }

    private mutating func escape(_ byte: UInt8) {
        switch byte {
        case UInt8(ascii: "\""): append("\\\"")
        case UInt8(ascii: "\\"): append("\\\\")
        case 0x08: append("\\b")
        case 0x0C: append("\\f")
        case 0x0A: append("\\n")
        case 0x0D: append("\\r")
        case 0x09: append("\\t")
        default:
            append("\\u00")
            bytes.append(Self.hex[Int(byte >> 4)])
            bytes.append(Self.hex[Int(byte & 0xF)])
        }
    }

    private mutating func append(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)
}
