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
/// formatter.percent(20, locale: fr)                                // "20 %" (U+202F)
/// ```
///
/// French keeps CLDR's spaces: U+202F NARROW NO-BREAK SPACE between digit groups and before `%`, U+00A0
/// NO-BREAK SPACE before the currency symbol, so amounts never wrap across lines. Styles are cached per
/// locale, currency and time zone because building an ICU formatter costs far more than using one.
public final class LocalizedFormatter: Sendable {
    /// The process-wide formatter; its caches are shared by every renderer.
    public static let shared = LocalizedFormatter()

    private let moneyStyles = Mutex<[MoneyKey: Decimal.FormatStyle.Currency]>([:])
    private let dateStyles = Mutex<[DateKey: Date.FormatStyle]>([:])
    private let percentStyles = Mutex<[String: IntegerFormatStyle<Int>.Percent]>([:])

    public init() {}

    /// `minorUnits` of `currency` as the locale writes an amount: `$1,234.50`, `1 234,50 €`, `NT$1,234.50`.
    public func money(_ minorUnits: Int64, _ currency: Currency, locale: LocaleTag) -> String {
        let key = MoneyKey(locale: locale.description, currency: currency.code)
        let style = moneyStyles.withLock { cache in
            if let style = cache[key] { return style }
            let style = Decimal.FormatStyle.Currency(code: currency.code, locale: Locale(identifier: key.locale))
            cache[key] = style
            return style
        }
        let amount = Decimal(minorUnits) / Self.powerOf10(currency.exponent)
        return Self.fixSymbol(style.format(amount), currency: currency, locale: locale)
    }

    /// The calendar day of `date` in `timeZone`, long style: `March 5, 2026`, `5 mars 2026`, `2026年3月5日`.
    public func date(_ date: Date, locale: LocaleTag, timeZone: TimeZone) -> String {
        let key = DateKey(locale: locale.description, timeZone: timeZone.identifier)
        let style = dateStyles.withLock { cache in
            if let style = cache[key] { return style }
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = timeZone
            let style = Date.FormatStyle(
                date: .long,
                time: .omitted,
                locale: Locale(identifier: key.locale),
                calendar: calendar,
                timeZone: timeZone
            )
            cache[key] = style
            return style
        }
        return style.format(date)
    }

    /// A whole percentage: `20%`, `20 %` (French, U+202F).
    public func percent(_ value: Int, locale: LocaleTag) -> String {
        let id = locale.description
        let style = percentStyles.withLock { cache in
            if let style = cache[id] { return style }
            let style = IntegerFormatStyle<Int>.Percent(locale: Locale(identifier: id))
            cache[id] = style
            return style
        }
        return style.format(value)
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

    private static func powerOf10(_ exponent: Int) -> Decimal {
        var value = Decimal(1)
        for _ in 0..<exponent { value *= 10 }
        return value
    }

    private struct MoneyKey: Hashable {
        let locale: String
        let currency: String
    }

    private struct DateKey: Hashable {
        let locale: String
        let timeZone: String
    }
}
