import Foundation

/// A locale's currency format learned from one Foundation rendering, then applied with integer arithmetic.
///
/// ```swift
/// // Foundation writes 1234567.89 EUR in fr as "1 234 567,89 €"
/// let pattern = MoneyPattern(probe: "1\u{202F}234\u{202F}567,89\u{00A0}€", exponent: 2)!
/// pattern.format(123_450)   // "1 234,50 €"
/// ```
///
/// ICU formatting costs microseconds per call; a bulk send formats the same few currencies millions of
/// times. Only the common shape is learned (prefix, groups of three, decimal separator, suffix); a locale
/// with other grouping or non-ASCII digits yields nil and keeps using Foundation.
struct MoneyPattern: Sendable {
    let prefix: String
    let groupSeparator: String
    let decimalSeparator: String
    let suffix: String
    let exponent: Int

    /// The probe amount: 1234567 followed by `exponent` fraction digits 8, 9, 1…
    static func probeDigits(exponent: Int) -> String {
        "1234567" + String("891".prefix(exponent))
    }

    init?(probe: String, exponent: Int) {
        let expected = Array(Self.probeDigits(exponent: exponent).unicodeScalars)
        var pieces: [String] = [""]
        var digits: [Unicode.Scalar] = []
        for scalar in probe.unicodeScalars {
            if ("0"..."9").contains(scalar) {
                digits.append(scalar)
                pieces.append("")
            } else {
                pieces[pieces.count - 1].unicodeScalars.append(scalar)
            }
        }
        guard digits == expected else { return nil }
        // pieces[i] is the text before digit i; pieces.last the text after the last digit.
        let between = Array(pieces[1..<digits.count])
        let group = between[0]
        for (index, text) in between.enumerated() {
            let position = index + 1  // text sits before digit `position`
            let wanted =
                position == 7
                ? (exponent > 0 ? "decimal" : "none") : (position == 1 || position == 4 ? "group" : "none")
            switch wanted {
            case "group": guard text == group else { return nil }
            case "none": guard text.isEmpty else { return nil }
            default: guard !text.isEmpty else { return nil }
            }
        }
        prefix = pieces[0]
        groupSeparator = group
        decimalSeparator = exponent > 0 ? between[6] : ""
        suffix = pieces[pieces.count - 1]
        self.exponent = exponent
    }

    /// Non-negative amounts only; callers send negatives to Foundation.
    ///
    /// Written as bytes into a string of its final size: a bulk send formats a few amounts per message.
    func format(_ minorUnits: Int64) -> String {
        var scale: Int64 = 1
        for _ in 0..<exponent { scale *= 10 }
        var whole = UInt64(minorUnits / scale)
        var fraction = UInt64(minorUnits % scale)
        var digits = 1
        var rest = whole / 10
        while rest > 0 {
            digits += 1
            rest /= 10
        }
        var prefix = prefix
        var group = groupSeparator
        var decimal = decimalSeparator
        var suffix = suffix
        let groups = (digits - 1) / 3
        let capacity =
            prefix.utf8.count + digits + groups * group.utf8.count + decimal.utf8.count + exponent + suffix.utf8.count
        return String(unsafeUninitializedCapacity: capacity) { buffer in
            var out = ByteWriter(buffer.baseAddress!, capacity: buffer.count)
            prefix.withUTF8 { out.append($0) }
            // Digits are written from the right, a separator before every third.
            var end = capacity - suffix.utf8.count
            if exponent > 0 {
                for _ in 0..<exponent {
                    end -= 1
                    buffer[end] = UInt8(truncatingIfNeeded: 0x30 + fraction % 10)
                    fraction /= 10
                }
                end -= decimal.utf8.count
                decimal.withUTF8 {
                    var at = ByteWriter(buffer.baseAddress! + end, capacity: buffer.count - end)
                    at.append($0)
                }
            }
            for position in 0..<digits {
                if position > 0, position % 3 == 0 {
                    end -= group.utf8.count
                    group.withUTF8 {
                        var at = ByteWriter(buffer.baseAddress! + end, capacity: buffer.count - end)
                        at.append($0)
                    }
                }
                end -= 1
                buffer[end] = UInt8(truncatingIfNeeded: 0x30 + whole % 10)
                whole /= 10
            }
            out.count = capacity - suffix.utf8.count
            suffix.withUTF8 { out.append($0) }
            return out.count
        }
    }
}
