import Foundation
import HomingCore
import Synchronization

/// One locale's money, date and percentage formats, resolved once for a render plan.
///
/// ```swift
/// let formats = LocaleFormats(locale: try LocaleTag(parsing: "fr"), formatter: .shared)
/// formats.money(Currency("EUR")!).format(123_450)                  // "1 234,50 €"
/// formats.date(Date(timeIntervalSince1970: 1_772_712_000), timeZone: .gmt)   // "5 mars 2026"
/// ```
///
/// ``LocalizedFormatter`` keys its caches by locale, which means hashing a whole ``LocaleTag`` for every
/// value of every message. A render plan knows its locale, so it keeps this small memo in front of the
/// formatter instead: the texts are the formatter's own, asked for once and then remembered here.
final class LocaleFormats: Sendable {
    let locale: LocaleTag
    private let formatter: LocalizedFormatter
    private let moneyStyles = Mutex<[(code: String, style: LocalizedFormatter.MoneyStyle)]>([])
    /// Date texts by time zone and instant, the last few compared before one is hashed.
    private let dates = Mutex(LookupCache<DateKey, String>(recent: 4))
    private let percents = Mutex<[Int: String]>([:])

    /// The instant first: the derived `==` compares in this order, and instants differ more often.
    private struct DateKey: Hashable {
        let instant: Double
        let timeZone: String
    }

    init(locale: LocaleTag, formatter: LocalizedFormatter) {
        self.locale = locale
        self.formatter = formatter
    }

    /// The money format for `currency`; a shop sends in one or two currencies, so a list is searched.
    func money(_ currency: Currency) -> LocalizedFormatter.MoneyStyle {
        let code = currency.code
        if let style = moneyStyles.withLock({ $0.first { $0.code == code }?.style }) { return style }
        let style = formatter.moneyFormat(currency, locale: locale)
        moneyStyles.withLock { styles in
            if styles.count >= 64 { styles.removeAll(keepingCapacity: true) }
            styles.append((code, style))
        }
        return style
    }

    /// ``LocalizedFormatter/date(_:locale:timeZone:)`` for this locale.
    func date(_ date: Date, timeZone: TimeZone) -> String {
        // A message has two or three dates, the same for many customers (an order day, one offer expiry):
        // comparing an instant and a zone name costs less than hashing them.
        let key = DateKey(instant: date.timeIntervalSince1970, timeZone: timeZone.identifier)
        if let text = dates.withLock({ $0.find(key) }) { return text }
        let text = formatter.date(date, locale: locale, timeZone: timeZone)
        dates.withLock { $0.insert(text, for: key) }
        return text
    }

    /// ``LocalizedFormatter/percent(_:locale:)`` for this locale.
    func percent(_ value: Int) -> String {
        if let text = percents.withLock({ $0[value] }) { return text }
        let text = formatter.percent(value, locale: locale)
        percents.withLock { percents in
            if percents.count >= 1_000 { percents.removeAll(keepingCapacity: true) }
            percents[value] = text
        }
        return text
    }

    /// ``LocalizedFormatter/integer(_:locale:)`` for this locale.
    func integer(_ value: Int) -> String {
        formatter.integer(value, locale: locale)
    }
}
