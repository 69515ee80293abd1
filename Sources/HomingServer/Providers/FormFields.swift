import HomingCore

/// An `application/x-www-form-urlencoded` body decoded into its name/value pairs, in order.
///
/// ```swift
/// let form = try FormFields(bytes: Array("From=%2B33612345678&Body=STOP".utf8))
/// form["From"]       // "+33612345678"
/// form.pairs.count   // 2
/// ```
///
/// `+` is a space and `%XX` a byte, per the WHATWG URL standard; decoded bytes must be UTF-8.
/// Repeated names keep every value (signatures cover them all); the subscript returns the first.
public struct FormFields: Sendable {
    public private(set) var pairs: [(name: String, value: String)] = []

    /// Throws a 400 ``WebhookRejection`` naming the field whose encoding is broken.
    public init(bytes: [UInt8]) throws(WebhookRejection) {
        for part in bytes.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            let halves = part.split(separator: UInt8(ascii: "="), maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = Self.decode(halves[0]) else {
                throw .badRequest(
                    field: nil,
                    "a form field's name is not valid percent-encoded UTF-8",
                    reason: "malformed"
                )
            }
            guard let value = halves.count > 1 ? Self.decode(halves[1]) : "" else {
                throw .badRequest(field: name, "\(name) is not valid percent-encoded UTF-8", reason: "malformed")
            }
            pairs.append((name, value))
        }
    }

    public subscript(name: String) -> String? {
        pairs.first { $0.name == name }?.value
    }

    private static func decode(_ encoded: ArraySlice<UInt8>) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(encoded.count)
        var index = encoded.startIndex
        while index < encoded.endIndex {
            let byte = encoded[index]
            if byte == UInt8(ascii: "%") {
                guard encoded.endIndex - index >= 3,
                    let high = encoded[index + 1].hexDigitValue, let low = encoded[index + 2].hexDigitValue
                else { return nil }
                bytes.append(high << 4 | low)
                index += 3
            } else {
                bytes.append(byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
                index += 1
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

}
