import Foundation
import HomingCore
import Mustache

/// A value the customer does not have: sections on it are skipped and inverted sections shown.
struct Absent: MustacheCustomRenderable {
    var renderText: String { "" }
    var isNull: Bool { true }
}

/// Turns a ``MessageContext`` into the tree swift-mustache renders, shaped exactly like ``TemplateSchema``.
///
/// ```swift
/// let values = RenderValues.build(context, message: "win-back-offer", channel: .email, locale: fr)
/// (values["offer"] as? [String: Any])?["percent"]   // "20 %"
/// ```
///
/// Every leaf is a finished string: money, dates and percentages are formatted here for `locale`, never in
/// templates. Missing optional values are ``Absent``, so a known name always resolves.
enum RenderValues {
    static func build(
        _ context: MessageContext,
        message: String,
        channel: Channel,
        locale: LocaleTag,
        formatter: LocalizedFormatter
    ) -> [String: Any] {
        var values: [String: Any] = [
            "customer": [
                "first_name": optional(context.customer.firstName),
                "last_name": optional(context.customer.lastName),
                "email": optional(context.customer.email),
            ] as [String: Any],
            "shop": [
                "name": context.shop.name,
                "url": context.shop.url,
                "postal_address": context.shop.postalAddress,
                "support_email": context.shop.supportEmail,
            ],
            "links": links(context.links, message: message, channel: channel),
        ]
        if let order = context.order {
            values["order"] = self.order(order, context: context, locale: locale, formatter: formatter)
        }
        if let offer = context.offer {
            values["offer"] = [
                "code": offer.code,
                "percent": formatter.percent(offer.percent, locale: locale),
                "expires_at": formatter.date(offer.expiresAt, locale: locale, timeZone: context.timeZone),
            ]
        }
        return values
    }

    private static func optional(_ value: String?) -> Any {
        guard let value, !value.isEmpty else { return Absent() }
        return value
    }

    private static func order(
        _ order: MessageContext.Order,
        context: MessageContext,
        locale: LocaleTag,
        formatter: LocalizedFormatter
    ) -> [String: Any] {
        let items: [[String: Any]] = order.items.map { item in
            [
                "name": item.name,
                "quantity": formatter.integer(item.quantity, locale: locale),
                "price": formatter.money(item.price, order.currency, locale: locale),
                "line_total": formatter.money(item.price * Int64(item.quantity), order.currency, locale: locale),
            ]
        }
        return [
            "number": order.number,
            "placed_at": formatter.date(order.placedAt, locale: locale, timeZone: context.timeZone),
            "total": formatter.money(order.total, order.currency, locale: locale),
            "item_count": formatter.integer(order.items.reduce(0) { $0 + $1.quantity }, locale: locale),
            "items": items,
        ]
    }

    private static func links(_ links: MessageContext.Links, message: String, channel: Channel) -> [String: Any] {
        let utm =
            "utm_source=homing&utm_medium=\(channel.rawValue)&utm_campaign=\(journey(of: message))"
            + "&utm_content=\(message)"
        return [
            "shop_url": tagged(links.shopURL, utm),
            "review_url": tagged(links.reviewURL ?? links.shopURL, utm),
            "unsubscribe_url": links.unsubscribeURL,
            "preferences_url": links.preferencesURL,
        ]
    }

    /// The journey a message belongs to, from its name: `win-back-offer` → `win-back`.
    static func journey(of message: String) -> String {
        ["post-purchase", "win-back", "welcome"].first { message == $0 || message.hasPrefix($0 + "-") } ?? message
    }

    private static func tagged(_ url: String, _ utm: String) -> String {
        var (base, fragment) = url.split(separator: "#", maxSplits: 1).map(String.init).splitFragment
        if let host = base.range(of: "://"), !base[host.upperBound...].contains("/") { base += "/" }
        return base + (base.contains("?") ? "&" : "?") + utm + fragment
    }

    /// The locale to format values in: the customer's own tag when the template is in their language and
    /// script (so `fr-CA` keeps Canadian number style), else the template's.
    static func formattingLocale(customer: LocaleTag, template: LocaleTag) -> LocaleTag {
        let sameScript = (customer.script ?? customer.impliedScript) == (template.script ?? template.impliedScript)
        guard customer.language == template.language, sameScript else { return template }
        return customer.trailing.isEmpty ? customer : (try? LocaleTag(parsing: customer.baseTag)) ?? template
    }
}

extension [String] {
    fileprivate var splitFragment: (String, String) { (self[0], count > 1 ? "#" + self[1] : "") }
}

extension LocaleTag {
    /// Language, script and region only.
    fileprivate var baseTag: String { [language, script, region].compactMap(\.self).joined(separator: "-") }
}
