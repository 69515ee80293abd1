import Foundation

/// An object's key as it was sent, compared with the names a reader expects.
///
/// ```swift
/// if key == "total_price" { … }
/// ```
struct JSONKey {
    /// The key's bytes in the body, when it holds no escape.
    let range: Range<Int>
    /// The key decoded, when it held an escape (`"t\u006ftal"` is `total`).
    let escaped: String?
    let bytes: [UInt8]

    static func == (key: JSONKey, name: StaticString) -> Bool {
        if let escaped = key.escaped { return escaped.utf8.elementsEqual(name.utf8Buffer) }
        guard key.range.count == name.utf8CodeUnitCount else { return false }
        // memcmp, not `elementsEqual`: the generic slice comparison was 0.6% of a webhook's CPU.
        return key.bytes.withUnsafeBufferPointer { bytes in
            memcmp(bytes.baseAddress! + key.range.lowerBound, name.utf8Start, key.range.count) == 0
        }
    }
}

extension StaticString {
    fileprivate var utf8Buffer: UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: utf8Start, count: utf8CodeUnitCount)
    }
}
