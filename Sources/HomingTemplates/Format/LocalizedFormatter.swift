import Foundation
import HomingCore
import Synchronization

/// Formats money, dates and percentages the way a locale writes them, with the fixes Homing applies on top of
/// Foundation in one place.
///
/// ```swift
/// let formatter = LocalizedFormatter.shared
/// let fr = try LocaleTag(parsing: "fr")
/// formatter.money(123_450, Currency("EUR")!, locale: fr)           // "1 234,50 €" (U+202F, U+00A0)
/// formatter.date(Date(timeIntervalSince1970: 1_772_712_000), locale: fr, timeZone: .gmt)  // "5 mars 2026"
/// formatter.percent(20, locale: fr)                                // "20 %" (U+00A0)
/// ```
///
/// French keeps the spaces Foundation's CLDR data gives: U+202F NARROW NO-BREAK SPACE between digit groups,
/// U+00A0 NO-BREAK SPACE before the currency symbol and before `%`. Both are no-break, so an amount never
/// wraps across lines; SMS turns them into plain spaces (``SMSText/plainSpaces(_:)``). Styles are cached per
/// locale, currency and time zone because building an ICU formatter costs far more than using one.
public final class LocalizedFormatter: Sendable {
    /// The process-wide formatter; its caches are shared by every renderer.
    public static let shared = LocalizedFormatter()

    private let moneyStyles = Mutex<[MoneyKey: MoneyStyle]>([:])
    private let dateStyles = Mutex<[DateKey: Date.FormatStyle]>([:])
    private let dates = Mutex<[DateText: String]>([:])
    private let percents = Mutex<[PercentKey: String]>([:])

    public init() {}

    /// `minorUnits` of `currency` as the locale writes an amount: `$1,234.50`, `1 234,50 €`, `NT$1,234.50`.
    public func money(_ minorUnits: Int64, _ currency: Currency, locale: LocaleTag) -> String {
        moneyFormat(currency, locale: locale).format(minorUnits)
    }

    /// The format for one currency in one locale, to format many amounts with one cache lookup.
    func moneyFormat(_ currency: Currency, locale: LocaleTag) -> MoneyStyle {
        let key = MoneyKey(locale: locale, currency: currency.code)
        return moneyStyles.withLock { cache in
            if let style = cache[key] { return style }
            let style = MoneyStyle(currency: currency, locale: locale)
            cache[key] = style
            return style
        }
    }

    /// The calendar day of `date` in `timeZone`, long style: `March 5, 2026`, `5 mars 2026`, `2026年3月5日`.
    public func date(_ date: Date, locale: LocaleTag, timeZone: TimeZone) -> String {
        let key = DateKey(locale: locale, timeZone: timeZone.identifier)
        // Campaigns share instants (one offer expiry for everyone): remember each one's text.
        let textKey = DateText(key: key, instant: date.timeIntervalSince1970)
        if let text = dates.withLock({ $0[textKey] }) { return text }
        let style = dateStyles.withLock { cache in
            if let style = cache[key] { return style }
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = timeZone
            let style = Date.FormatStyle(
                date: .long,
                time: .omitted,
                locale: Locale(identifier: key.locale.description),
                calendar: calendar,
                timeZone: timeZone
            )
            cache[key] = style
            return style
        }
        let text = style.format(date)
        dates.withLock { cache in
            if cache.count >= 100_000 { cache.removeAll(keepingCapacity: true) }
            cache[textKey] = text
        }
        return text
    }

    /// A whole percentage: `20%`, `20 %` (French, U+00A0).
    public func percent(_ value: Int, locale: LocaleTag) -> String {
        let key = PercentKey(locale: locale, value: value)
        if let text = percents.withLock({ $0[key] }) { return text }
        let text = IntegerFormatStyle<Int>.Percent(locale: Locale(identifier: key.locale.description)).format(value)
        percents.withLock { cache in
            if cache.count >= 10_000 { cache.removeAll(keepingCapacity: true) }
            cache[key] = text
        }
        return text
    }

    /// A count: `1,234`, `1 234`.
    public func integer(_ value: Int, locale: LocaleTag) -> String {
        value < 1000 ? String(value) : value.formatted(.number.locale(Locale(identifier: locale.description)))
    }

    /// Where CLDR's symbol is ambiguous in a message that may be read abroad, the unambiguous one.
    ///
    /// Traditional Chinese for Taiwan writes TWD as a bare `$`; shops write `NT$` so nobody reads dollars.
    static let symbolOverrides: [String: [String: String]] = ["Hant": ["TWD": "NT$"]]

    static func fixSymbol(_ text: String, currency: Currency, locale: LocaleTag) -> String {
        let script = locale.script ?? locale.impliedScript ?? ""
        guard let symbol = symbolOverrides[script]?[currency.code], !text.contains(symbol) else { return text }
        return text.replacingOccurrences(of: "$", with: symbol)
    }

    static func powerOf10(_ exponent: Int) -> Decimal {
        var value = Decimal(1)
        for _ in 0..<exponent { value *= 10 }
        return value
    }

    /// Foundation's style for one locale and currency, and the pattern learned from it when it has one. A
    /// class, so a render holds it with one retain instead of copying Foundation's style.
    final class MoneyStyle: Sendable {
        let style: Decimal.FormatStyle.Currency
        let pattern: MoneyPattern?
        let currency: Currency
        let locale: LocaleTag

        init(currency: Currency, locale: LocaleTag) {
            self.currency = currency
            self.locale = locale
            style = Decimal.FormatStyle.Currency(code: currency.code, locale: Locale(identifier: locale.description))
            let digits = MoneyPattern.probeDigits(exponent: currency.exponent)
            let probe = Decimal(string: digits)! / LocalizedFormatter.powerOf10(currency.exponent)
            let text = LocalizedFormatter.fixSymbol(style.format(probe), currency: currency, locale: locale)
            pattern = MoneyPattern(probe: text, exponent: currency.exponent)
        }

        func format(_ minorUnits: Int64) -> String {
            if minorUnits >= 0, let pattern { return pattern.format(minorUnits) }
            return foundation(minorUnits)
        }

        func foundation(_ minorUnits: Int64) -> String {
            let amount = Decimal(minorUnits) / LocalizedFormatter.powerOf10(currency.exponent)
            return LocalizedFormatter.fixSymbol(style.format(amount), currency: currency, locale: locale)
        }
    }

    private struct DateText: Hashable {
        let key: DateKey
        let instant: Double
    }

    private struct PercentKey: Hashable {
        let locale: LocaleTag
        let value: Int
    }

    private struct MoneyKey: Hashable {
        let locale: LocaleTag
        let currency: String
    }

    private struct DateKey: Hashable {
        let locale: LocaleTag
        let timeZone: String
    }
}
