/// Checks an order's `items` column: a JSON array of `{"name": …, "quantity": …, "price": …}` objects.
///
/// ```swift
/// OrderItemsValidation.problem(#"[{"name":"Mug","quantity":2,"price":"12.50"}]"#, currency: eur)   // nil
/// OrderItemsValidation.problem(#"[{"name":"Mug","quantity":0}]"#, currency: eur)
/// // "item 1: quantity must be a whole number of at least 1"
/// ```
///
/// One pass over the bytes, no allocation but for prices: import checks millions of rows, and Foundation's
/// JSON parsers cost 11–15 µs a row. `name` must be a non-empty string, `quantity` an integer ≥ 1, `price` a
/// decimal (string or number) in the order's currency; other keys are allowed and skipped.
public enum OrderItemsValidation {
    public static func problem(_ text: String, currency: Currency) -> String? {
        var copy = text
        return copy.withUTF8 { bytes -> String? in
            var scanner = JSONScanner(bytes: bytes)
            do {
                try scanner.items(currency: currency)
                return nil
            } catch let error as JSONScanError {
                return error.message
            } catch {
                return "\(error)"
            }
        }
    }
}

struct JSONScanError: Error {
    let message: String
}

/// A minimal JSON reader over UTF-8 bytes, just enough to validate item lists.
private struct JSONScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0

    init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    private func fail(_ what: String) -> JSONScanError {
        JSONScanError(message: "is not a JSON list of items: \(what) at character \(index + 1)")
    }

    private mutating func skipSpace() {
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
    }

    private mutating func expect(_ byte: UInt8) throws(JSONScanError) {
        skipSpace()
        guard index < bytes.count, bytes[index] == byte else {
            throw fail("expected \"\(Character(UnicodeScalar(byte)))\"")
        }
        index += 1
    }

    private mutating func peek(_ byte: UInt8) -> Bool {
        skipSpace()
        return index < bytes.count && bytes[index] == byte
    }

    mutating func items(currency: Currency) throws(JSONScanError) {
        try expect(UInt8(ascii: "["))
        var count = 0
        if !peek(UInt8(ascii: "]")) {
            repeat {
                count += 1
                try item(number: count, currency: currency)
            } while try separator(closing: UInt8(ascii: "]"))
        } else {
            index += 1
        }
        skipSpace()
        guard index == bytes.count else { throw fail("unexpected text after the list") }
        guard count > 0 else { throw JSONScanError(message: "is an empty list; leave the field empty instead") }
    }

    /// After a value: true after a comma, false after the closing bracket.
    private mutating func separator(closing: UInt8) throws(JSONScanError) -> Bool {
        skipSpace()
        guard index < bytes.count else { throw fail("unexpected end") }
        if bytes[index] == UInt8(ascii: ",") {
            index += 1
            return true
        }
        guard bytes[index] == closing else { throw fail("expected \",\" or \"\(Character(UnicodeScalar(closing)))\"") }
        index += 1
        return false
    }

    private mutating func item(number position: Int, currency: Currency) throws(JSONScanError) {
        try expect(UInt8(ascii: "{"))
        var name = false
        var quantity = false
        var price = false
        if peek(UInt8(ascii: "}")) {
            index += 1
        } else {
            repeat {
                skipSpace()
                let key = try string()
                try expect(UInt8(ascii: ":"))
                skipSpace()
                switch Array(key) {
                case Array("name".utf8):
                    guard try string().count > 0 else {
                        throw JSONScanError(message: "item \(position): name is empty")
                    }
                    name = true
                case Array("quantity".utf8):
                    let digits = try self.number(allowFraction: false)
                    guard digits.first != UInt8(ascii: "-"), digits.contains(where: { $0 != UInt8(ascii: "0") }) else {
                        throw JSONScanError(message: "item \(position): quantity must be a whole number of at least 1")
                    }
                    quantity = true
                case Array("price".utf8):
                    let raw = peek(UInt8(ascii: "\"")) ? try string() : try self.number(allowFraction: true)
                    do {
                        _ = try currency.minorUnits(fromDecimal: String(decoding: raw, as: UTF8.self))
                    } catch {
                        throw JSONScanError(message: "item \(position): price \(error.description)")
                    }
                    price = true
                default:
                    try skipValue()
                }
            } while try separator(closing: UInt8(ascii: "}"))
        }
        for (present, key) in [(name, "name"), (quantity, "quantity"), (price, "price")] where !present {
            throw JSONScanError(message: "item \(position) has no \"\(key)\"")
        }
    }

    /// The raw bytes between the quotes of a string (escapes left as written).
    private mutating func string() throws(JSONScanError) -> UnsafeBufferPointer<UInt8>.SubSequence {
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw fail("expected a string") }
        index += 1
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                return bytes[start..<index - 1]
            }
            guard byte >= 0x20 else { throw fail("control character in a string") }
            if byte == UInt8(ascii: "\\") {
                index += 1
                guard index < bytes.count, Array("\"\\/bfnrtu".utf8).contains(bytes[index]) else {
                    throw fail("bad escape in a string")
                }
            }
            index += 1
        }
        throw fail("unterminated string")
    }

    private mutating func number(allowFraction: Bool) throws(JSONScanError) -> UnsafeBufferPointer<UInt8>.SubSequence {
        let start = index
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
        let digitsStart = index
        while index < bytes.count, (48...57).contains(bytes[index]) || (allowFraction && bytes[index] == 46) {
            index += 1
        }
        guard index > digitsStart else { throw fail("expected a number") }
        return bytes[start..<index]
    }

    private mutating func skipValue() throws(JSONScanError) {
        skipSpace()
        guard index < bytes.count else { throw fail("unexpected end") }
        switch bytes[index] {
        case UInt8(ascii: "\""): _ = try string()
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            let closing = bytes[index] == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
            index += 1
            if peek(closing) {
                index += 1
                return
            }
            repeat {
                if closing == UInt8(ascii: "}") {
                    skipSpace()
                    _ = try string()
                    try expect(UInt8(ascii: ":"))
                }
                try skipValue()
            } while try separator(closing: closing)
        default:
            while index < bytes.count, !",]} \t\r\n".utf8.contains(bytes[index]) { index += 1 }
        }
    }
}
