import Foundation
import HomingCore

extension MessageContext {
    /// A believable customer of a believable shop in `locale`'s language, for `templates check`, previews,
    /// golden files and benchmarks.
    ///
    /// ```swift
    /// let context = MessageContext.sample(for: try LocaleTag(parsing: "zh-Hant-TW"))
    /// context.order?.currency.code   // "TWD"
    /// ```
    ///
    /// Every optional value is present, so each branch that prints one is exercised; dates are fixed so
    /// renderings are reproducible.
    public static func sample(for locale: LocaleTag) -> MessageContext {
        let data = SampleData.for(locale)
        let placedAt = Date(timeIntervalSince1970: 1_772_712_000)  // 2026-03-05T12:00:00Z
        let expiresAt = Date(timeIntervalSince1970: 1_774_958_400)  // 2026-03-31T12:00:00Z
        let currency = Currency(data.currency)!
        let items = zip(data.items, [(2, Int64(38_975)), (1, Int64(45_500))]).map { name, line in
            Order.Item(name: name, quantity: line.0, price: line.1)
        }
        let base = data.shopURL
        return MessageContext(
            customer: Customer(firstName: data.firstName, lastName: data.lastName, email: data.email),
            shop: Shop(name: data.shopName, url: base, postalAddress: data.address, supportEmail: data.support),
            order: Order(number: "1042", placedAt: placedAt, items: items, total: 123_450, currency: currency),
            offer: Offer(code: data.code, percent: 20, expiresAt: expiresAt),
            links: Links(
                shopURL: base,
                unsubscribeURL: base + "/u/7f3a9c",
                preferencesURL: base + "/preferences/7f3a9c",
                reviewURL: base + "/orders/1042/review"
            ),
            locale: locale,
            timeZone: TimeZone(identifier: data.timeZone)!
        )
    }
}

/// Per-language sample values; unknown languages get the English shop.
private struct SampleData {
    var firstName: String
    var lastName: String
    var email: String
    var shopName: String
    var shopURL: String
    var address: String
    var support: String
    var currency: String
    var timeZone: String
    var code: String
    var items: [String]

    static func `for`(_ locale: LocaleTag) -> SampleData {
        switch (locale.language, locale.script ?? locale.impliedScript) {
        case ("fr", _):
            SampleData(
                firstName: "Camille",
                lastName: "Dubois",
                email: "camille.dubois@example.fr",
                shopName: "Maison Lumière",
                shopURL: "https://maison-lumiere.example",
                address: "18 rue Lepic, 75018 Paris, France",
                support: "bonjour@maison-lumiere.example",
                currency: "EUR",
                timeZone: "Europe/Paris",
                code: "RETOUR20",
                items: ["Plaid en lin lavé", "Set de tasses en grès"]
            )
        case ("zh", "Hant"):
            SampleData(
                firstName: "怡君",
                lastName: "陳",
                email: "yijun.chen@example.tw",
                shopName: "青田選物",
                shopURL: "https://qingtian.example",
                address: "106台北市大安區青田街100號",
                support: "service@qingtian.example",
                currency: "TWD",
                timeZone: "Asia/Taipei",
                code: "WELCOME20",
                items: ["手織亞麻毯", "陶瓷馬克杯組"]
            )
        case ("zh", _):
            SampleData(
                firstName: "小雨",
                lastName: "李",
                email: "xiaoyu.li@example.cn",
                shopName: "山茶生活馆",
                shopURL: "https://shancha.example",
                address: "上海市静安区南京西路1266号",
                support: "kefu@shancha.example",
                currency: "CNY",
                timeZone: "Asia/Shanghai",
                code: "HUIJIA20",
                items: ["水洗亚麻盖毯", "粗陶马克杯套装"]
            )
        default:
            SampleData(
                firstName: "Olivia",
                lastName: "Bennett",
                email: "olivia.bennett@example.com",
                shopName: "Hearth & Field",
                shopURL: "https://hearth-and-field.example",
                address: "212 Larkin Street, San Francisco, CA 94102, USA",
                support: "hello@hearth-and-field.example",
                currency: "USD",
                timeZone: "America/Los_Angeles",
                code: "COMEBACK20",
                items: ["Washed linen throw", "Stoneware mug set"]
            )
        }
    }
}
