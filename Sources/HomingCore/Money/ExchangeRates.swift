import Foundation

/// Converts order amounts into the base currency that every report uses (DESIGN.md §4.2).
///
/// ```swift
/// let rates = try ExchangeRates(base: Currency("EUR")!, rates: ["USD": 1.08, "JPY": 162.5])
/// rates.baseMinorUnits(1080, in: Currency("USD")!)   // 1000 (10.00 EUR)
/// ```
///
/// A rate is units of that currency per one base unit. The conversion is
/// `round(amount_minor × 10^(base_exp − cur_exp) / rate)` in IEEE double, half away from zero,
/// so every implementation gets the same cents.
public struct ExchangeRates: Sendable, Equatable {
    public let base: Currency
    /// Units of each currency per one unit of `base`; the base itself is always 1.
    public let rates: [String: Double]

    public init(base: Currency, rates: [String: Double]) {
        self.base = base
        var rates = rates
        rates[base.code] = 1
        self.rates = rates
    }

    /// Whether amounts in `currency` can be converted.
    public func canConvert(_ currency: Currency) -> Bool { rates[currency.code] != nil }

    /// The base-currency value of `minor` units of `currency`, or nil when no rate is configured.
    public func baseMinorUnits(_ minor: Int64, in currency: Currency) -> Int64? {
        if currency == base { return minor }
        guard let rate = rates[currency.code] else { return nil }
        let scaled = Double(minor) * pow10(base.exponent - currency.exponent) / rate
        return Int64(scaled.rounded(.toNearestOrAwayFromZero))
    }

    /// Base minor units as a plain decimal in the base currency, e.g. `1234.56`.
    public func baseDecimalString(_ minor: Int64) -> String { base.decimalString(minorUnits: minor) }

    private func pow10(_ exponent: Int) -> Double { Foundation.pow(10.0, Double(exponent)) }
}
