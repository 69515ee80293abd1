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
    /// 10 to the power of `exponent`.
    private let scale: Int64
    /// The UTF-8 of prefix, group separator, decimal separator and suffix end to end, and their counts.
    private let separators: [UInt8]
    private let counts: (prefix: Int, group: Int, decimal: Int, suffix: Int)

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
        scale = (0..<exponent).reduce(1) { value, _ in value * 10 }
        separators = Array(prefix.utf8) + Array(groupSeparator.utf8) + Array(decimalSeparator.utf8) + Array(suffix.utf8)
        counts = (prefix.utf8.count, groupSeparator.utf8.count, decimalSeparator.utf8.count, suffix.utf8.count)
    }

    /// Non-negative amounts only; callers send negatives to Foundation.
    ///
    /// Written as bytes into a string of its final size, from right to left: a bulk send formats a few
    /// amounts per message. The texts around the digits are copied from ``separators`` made once.
    func format(_ minorUnits: Int64) -> String {
        var whole = UInt64(minorUnits / scale)
        var fraction = UInt64(minorUnits % scale)
        var digits = 1
        var rest = whole / 10
        while rest > 0 {
            digits += 1
            rest /= 10
        }
        let (prefixCount, groupCount, decimalCount, suffixCount) = counts
        let groups = (digits - 1) / 3
        let capacity = prefixCount + digits + groups * groupCount + decimalCount + exponent + suffixCount
        return separators.withUnsafeBufferPointer { separators in
            String(unsafeUninitializedCapacity: capacity) { buffer in
                let texts = separators.baseAddress!
                let out = buffer.baseAddress!
                out.update(from: texts, count: prefixCount)
                var end = capacity - suffixCount
                (out + end).update(from: texts + prefixCount + groupCount + decimalCount, count: suffixCount)
                for _ in 0..<exponent {
                    end -= 1
                    out[end] = UInt8(truncatingIfNeeded: 0x30 + fraction % 10)
                    fraction /= 10
                }
                end -= decimalCount
                (out + end).update(from: texts + prefixCount + groupCount, count: decimalCount)
                // Digits are written from the right, a separator before every third.
                for position in 0..<digits {
                    if position > 0, position % 3 == 0 {
                        end -= groupCount
                        (out + end).update(from: texts + prefixCount, count: groupCount)
                    }
                    end -= 1
                    out[end] = UInt8(truncatingIfNeeded: 0x30 + whole % 10)
                    whole /= 10
                }
                precondition(end == prefixCount, "MoneyPattern: digits and separators miscounted")
                return capacity
            }
        }
    }
}
