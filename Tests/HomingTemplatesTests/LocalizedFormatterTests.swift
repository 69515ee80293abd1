import Foundation
import HomingCore
import Testing

@testable import HomingTemplates

@Suite struct LocalizedFormatterTests {
    let formatter = LocalizedFormatter()

    @Test(
        "money in the customer's locale",
        arguments: [
            ("en", "USD", Int64(123_450), "$1,234.50"),
            ("en-US", "USD", 5, "$0.05"),
            ("fr", "EUR", 123_450, "1\u{202F}234,50\u{00A0}€"),
            ("fr-FR", "EUR", 123_456_789, "1\u{202F}234\u{202F}567,89\u{00A0}€"),
            ("fr-CA", "CAD", 123_450, "1\u{00A0}234,50\u{00A0}$"),
            ("zh-Hans", "CNY", 123_450, "¥1,234.50"),
            ("zh-Hans-CN", "CNY", 100, "¥1.00"),
            ("zh-Hant", "TWD", 123_450, "NT$1,234.50"),
            ("zh-Hant-TW", "TWD", 123_450, "NT$1,234.50"),
            ("zh-TW", "TWD", 123_450, "NT$1,234.50"),
            ("zh-Hant-HK", "HKD", 123_450, "HK$1,234.50"),
            ("en", "JPY", 1234, "¥1,234"),
            ("en", "KWD", 1_234_500, "KWD\u{00A0}1,234.500"),
            ("en", "USD", -123_450, "-$1,234.50"),
        ]
    )
    func money(tag: String, code: String, minor: Int64, expected: String) throws {
        let text = formatter.money(minor, Currency(code)!, locale: Fixtures.tag(tag))
        #expect(text == expected, "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
    }

    @Test(
        "dates on the customer's calendar day",
        arguments: [
            ("en", "America/Los_Angeles", "March 5, 2026"),
            ("fr", "Europe/Paris", "5 mars 2026"),
            ("zh-Hans", "Asia/Shanghai", "2026年3月5日"),
            ("zh-Hant-TW", "Asia/Taipei", "2026年3月5日"),
            // 23:30 UTC on March 5 is already March 6 in Taipei.
        ]
    )
    func date(tag: String, zone: String, expected: String) {
        let noon = Date(timeIntervalSince1970: 1_772_712_000)
        #expect(formatter.date(noon, locale: Fixtures.tag(tag), timeZone: TimeZone(identifier: zone)!) == expected)
    }

    @Test func dateIsTheDayInTheCustomersTimeZone() {
        let late = Date(timeIntervalSince1970: 1_772_753_400)  // 2026-03-05T23:30:00Z
        #expect(
            formatter.date(late, locale: Fixtures.tag("zh-Hant"), timeZone: TimeZone(identifier: "Asia/Taipei")!)
                == "2026年3月6日"
        )
        #expect(
            formatter.date(late, locale: Fixtures.en, timeZone: TimeZone(identifier: "America/New_York")!)
                == "March 5, 2026"
        )
    }

    @Test func percent() {
        #expect(formatter.percent(20, locale: Fixtures.en) == "20%")
        // Foundation (ICU) puts U+00A0 before % in French: no-break, which is what matters; kept as is.
        #expect(formatter.percent(20, locale: Fixtures.tag("fr")) == "20\u{00A0}%")
        #expect(formatter.percent(15, locale: Fixtures.tag("zh-Hant")) == "15%")
    }

    @Test func learnedPatternsMatchFoundation() throws {
        for (tag, code) in [("en", "USD"), ("fr", "EUR"), ("zh-Hans", "CNY"), ("fr-CA", "CAD"), ("en", "JPY")] {
            let currency = Currency(code)!
            let locale = Fixtures.tag(tag)
            let amounts: [Int64] = [0, 1, 7, 10, 99, 100, 999, 1_000, 1_001, 12_345, 99_999, 1_000_000, 999_999_999]
            for minor in amounts + [123_456_789_012] {
                let amount = Decimal(minor) / LocalizedFormatter.powerOf10(currency.exponent)
                let foundation = LocalizedFormatter.fixSymbol(
                    amount.formatted(.currency(code: code).locale(Locale(identifier: tag))),
                    currency: currency,
                    locale: locale
                )
                #expect(formatter.money(minor, currency, locale: locale) == foundation)
            }
        }
    }

    @Test func unusualShapesAreLeftToFoundation() {
        #expect(MoneyPattern(probe: "₹12,34,567.89", exponent: 2) == nil)  // Indian grouping
        #expect(MoneyPattern(probe: "١٬٢٣٤٬٥٦٧٫٨٩ US$", exponent: 2) == nil)  // Arabic digits
        #expect(MoneyPattern(probe: "$1,234,567.89", exponent: 2)?.format(5) == "$0.05")
    }
}
