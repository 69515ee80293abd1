/// An ISO 4217 currency and the number of decimals its minor unit has.
///
/// ```swift
/// let eur = Currency("EUR")!          // exponent 2: amounts are kept in cents
/// let minor = try eur.minorUnits(fromDecimal: "12.5")   // 1250
/// eur.decimalString(minorUnits: 1250)                    // "12.50"
/// ```
///
/// Amounts are integers in minor units everywhere in Homing; only import and display see decimals.
public struct Currency: Hashable, Sendable, CustomStringConvertible {
    /// The three-letter code, upper case.
    public let code: String
    /// Decimal places of the minor unit: 2 for EUR, 0 for JPY, 3 for KWD.
    public let exponent: Int

    /// The active ISO 4217 currency with this code, or nil when the code is not one.
    public init?(_ code: String) {
        guard let exponent = Currency.iso4217Exponents[code] else { return nil }
        self.code = code
        self.exponent = exponent
    }

    public var description: String { code }
}

/// Why a decimal amount was refused; the message is written for the person fixing the file.
public struct AmountError: Error, Equatable, Sendable, CustomStringConvertible {
    public let description: String
    public init(description: String) { self.description = description }
}

extension Currency {
    /// Parses a plain decimal such as `1234.5` into minor units.
    ///
    /// Refuses signs, exponents, thousands separators and more fraction digits than the currency allows,
    /// so a mistyped `12.345` EUR is an error rather than a silently rounded amount.
    public func minorUnits(fromDecimal text: String) throws(AmountError) -> Int64 {
        var whole: Int64 = 0
        var fraction: Int64 = 0
        var fractionDigits = 0
        var sawDot = false
        var digitsBeforeDot = 0
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                let digit = Int64(byte &- UInt8(ascii: "0"))
                if sawDot {
                    fractionDigits += 1
                    guard fractionDigits <= exponent else {
                        throw AmountError(
                            description: exponent == 0
                                ? "\"\(text)\" has decimals, but \(code) has no minor unit"
                                : "\"\(text)\" has more than \(exponent) decimals, the most \(code) allows"
                        )
                    }
                    fraction = fraction * 10 + digit
                } else {
                    digitsBeforeDot += 1
                    guard digitsBeforeDot <= 15 else { throw AmountError(description: "\"\(text)\" is too large") }
                    whole = whole * 10 + digit
                }
            case UInt8(ascii: ".") where !sawDot:
                sawDot = true
            default:
                throw AmountError(description: "\"\(text)\" is not a decimal amount like 1234.50")
            }
        }
        guard digitsBeforeDot > 0, !sawDot || fractionDigits > 0 else {
            throw AmountError(description: "\"\(text)\" is not a decimal amount like 1234.50")
        }
        while fractionDigits < exponent {
            fraction *= 10
            fractionDigits += 1
        }
        return whole * Currency.powerOf10(exponent) + fraction
    }

    /// Formats minor units as a plain decimal with exactly `exponent` decimals: `123456` → `"1234.56"`.
    public func decimalString(minorUnits: Int64) -> String {
        Currency.decimalString(minorUnits, exponent: exponent)
    }

    static func decimalString(_ minor: Int64, exponent: Int) -> String {
        guard exponent > 0 else { return String(minor) }
        let scale = powerOf10(exponent)
        let sign = minor < 0 ? "-" : ""
        let magnitude = minor.magnitude
        let whole = magnitude / UInt64(scale)
        var fraction = String(magnitude % UInt64(scale))
        if fraction.count < exponent { fraction = String(repeating: "0", count: exponent - fraction.count) + fraction }
        return "\(sign)\(whole).\(fraction)"
    }

    static func powerOf10(_ exponent: Int) -> Int64 {
        var value: Int64 = 1
        for _ in 0..<exponent { value *= 10 }
        return value
    }
}
