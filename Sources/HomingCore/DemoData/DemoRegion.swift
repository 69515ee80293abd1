/// A locale Homing ships templates for, with the time zone, country, currency and phone plan that go with it.
///
/// ```swift
/// let paris = DemoRegion.all.first { $0.locale == "fr" }!
/// paris.timeZone    // "Europe/Paris"
/// paris.currency    // "EUR"
/// ```
///
/// Email domains live under the reserved `.example` TLD (RFC 2606): demo data is meant to be imported and
/// sent to, and must never reach a real mailbox. Phone numbers follow each country's real mobile plan.
struct DemoRegion: Sendable {
    let locale: String
    let timeZone: String
    let country: String
    let currency: String
    /// Share of customers, per mille.
    let weight: Int
    let language: DemoLanguage
    /// `+` and the digits before the randomly drawn part, e.g. `+1212` (country code and area code).
    let phonePrefixes: [String]
    /// The first random digit (NANP exchanges cannot start with 0 or 1).
    let phoneLead: ClosedRange<Int>
    /// How many uniform digits follow the lead digit.
    let phoneRestDigits: Int
    let emailDomains: [String]

    static let all: [DemoRegion] = [
        us("America/New_York", 160, ["212", "646", "718", "917", "347", "516", "617", "305", "404", "202"]),
        us("America/Chicago", 90, ["312", "773", "872", "630", "847", "214", "512", "713", "612"]),
        us("America/Denver", 30, ["303", "720", "719", "801", "505"]),
        us("America/Los_Angeles", 100, ["213", "310", "323", "424", "818", "415", "408", "650", "206", "503"]),
        DemoRegion(
            locale: "en-GB",
            timeZone: "Europe/London",
            country: "GB",
            currency: "GBP",
            weight: 120,
            language: .british,
            phonePrefixes: ["+447"],
            phoneLead: 4...9,
            phoneRestDigits: 8,
            emailDomains: ["gmail.example", "btinternet.example", "outlook.example", "yahoo.example"]
        ),
        DemoRegion(
            locale: "fr",
            timeZone: "Europe/Paris",
            country: "FR",
            currency: "EUR",
            weight: 180,
            language: .french,
            phonePrefixes: ["+336", "+336", "+337"],
            phoneLead: 3...9,
            phoneRestDigits: 7,
            emailDomains: ["gmail.example", "orange.example", "free.example", "laposte.example", "sfr.example"]
        ),
        DemoRegion(
            locale: "fr-CA",
            timeZone: "America/Toronto",
            country: "CA",
            currency: "CAD",
            weight: 80,
            language: .quebec,
            phonePrefixes: ["+1514", "+1438", "+1450", "+1418", "+1819", "+1581", "+1416"],
            phoneLead: 2...9,
            phoneRestDigits: 6,
            emailDomains: ["gmail.example", "videotron.example", "hotmail.example", "outlook.example"]
        ),
        DemoRegion(
            locale: "zh-CN",
            timeZone: "Asia/Shanghai",
            country: "CN",
            currency: "CNY",
            weight: 150,
            language: .simplifiedChinese,
            phonePrefixes: ["+861"],
            phoneLead: 3...9,
            phoneRestDigits: 9,
            emailDomains: ["qq.example", "163.example", "126.example", "sina.example"]
        ),
        DemoRegion(
            locale: "zh-TW",
            timeZone: "Asia/Taipei",
            country: "TW",
            currency: "TWD",
            weight: 50,
            language: .traditionalChinese,
            phonePrefixes: ["+8869"],
            phoneLead: 0...8,
            phoneRestDigits: 7,
            emailDomains: ["gmail.example", "yahoo.example", "hinet.example"]
        ),
        DemoRegion(
            locale: "zh-Hant-TW",
            timeZone: "Asia/Taipei",
            country: "TW",
            currency: "TWD",
            weight: 40,
            language: .traditionalChinese,
            phonePrefixes: ["+8869"],
            phoneLead: 0...8,
            phoneRestDigits: 7,
            emailDomains: ["gmail.example", "yahoo.example", "hinet.example"]
        ),
    ]

    private static func us(_ zone: String, _ weight: Int, _ areaCodes: [String]) -> DemoRegion {
        DemoRegion(
            locale: "en",
            timeZone: zone,
            country: "US",
            currency: "USD",
            weight: weight,
            language: .american,
            phonePrefixes: areaCodes.map { "+1" + $0 },
            phoneLead: 2...9,
            phoneRestDigits: 6,
            emailDomains: ["gmail.example", "yahoo.example", "outlook.example", "icloud.example", "aol.example"]
        )
    }
}
