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
/// var slots = RenderSlots(placeholders: false)
/// let tree = RenderValues.build(context, message: "win-back-offer", channel: .email, locale: fr,
///                               formatter: .shared, slots: &slots)
/// (tree["offer"] as? [String: Any])?["percent"]   // "20 %"
/// ```
///
/// Every leaf is a finished string: money, dates and percentages are formatted here for `locale`, never in
/// templates. Missing optional values are ``Absent``, so a known name always resolves. Each leaf goes
/// through `slots`, which records it in a fixed order; see ``RenderSlots``.
enum RenderValues {
    static func build(
        _ context: MessageContext,
        message: String,
        channel: Channel,
        locale: LocaleTag,
        formatter: LocalizedFormatter,
        slots: inout RenderSlots
    ) -> [String: Any] {
        var values: [String: Any] = [:]
        values["customer"] = [
            "first_name": slots.optional(context.customer.firstName),
            "last_name": slots.optional(context.customer.lastName),
            "email": slots.optional(context.customer.email),
        ]
        values["shop"] = [
            "name": slots.leaf(context.shop.name),
            "url": slots.leaf(context.shop.url),
            "postal_address": slots.leaf(context.shop.postalAddress),
            "support_email": slots.leaf(context.shop.supportEmail),
        ]
        values["links"] = links(context.links, message: message, channel: channel, slots: &slots)
        slots.shape(context.order == nil ? -1 : context.order!.items.count)
        if let order = context.order {
            values["order"] = self.order(order, context: context, locale: locale, formatter: formatter, slots: &slots)
        }
        slots.shape(context.offer == nil ? 0 : 1)
        if let offer = context.offer {
            values["offer"] = [
                "code": slots.leaf(offer.code),
                "percent": slots.leaf(formatter.percent(offer.percent, locale: locale)),
                "expires_at": slots.leaf(formatter.date(offer.expiresAt, locale: locale, timeZone: context.timeZone)),
            ]
        }
        return values
    }

    private static func order(
        _ order: MessageContext.Order,
        context: MessageContext,
        locale: LocaleTag,
        formatter: LocalizedFormatter,
        slots: inout RenderSlots
    ) -> [String: Any] {
        var items: [[String: Any]] = []
        items.reserveCapacity(order.items.count)
        for item in order.items {
            items.append([
                "name": slots.leaf(item.name),
                "quantity": slots.leaf(formatter.integer(item.quantity, locale: locale)),
                "price": slots.leaf(formatter.money(item.price, order.currency, locale: locale)),
                "line_total": slots.leaf(
                    formatter.money(item.price * Int64(item.quantity), order.currency, locale: locale)
                ),
            ])
        }
        return [
            "number": slots.leaf(order.number),
            "placed_at": slots.leaf(formatter.date(order.placedAt, locale: locale, timeZone: context.timeZone)),
            "total": slots.leaf(formatter.money(order.total, order.currency, locale: locale)),
            "item_count": slots.leaf(formatter.integer(order.items.reduce(0) { $0 + $1.quantity }, locale: locale)),
            "items": items,
        ]
    }

    private static func links(
        _ links: MessageContext.Links,
        message: String,
        channel: Channel,
        slots: inout RenderSlots
    ) -> [String: Any] {
        let utm =
            "utm_source=homing&utm_medium=\(channel.rawValue)&utm_campaign=\(journey(of: message))"
            + "&utm_content=\(message)"
        return [
            "shop_url": slots.leaf(tagged(links.shopURL, utm)),
            "review_url": slots.leaf(tagged(links.reviewURL ?? links.shopURL, utm)),
            "unsubscribe_url": slots.leaf(links.unsubscribeURL),
            "preferences_url": slots.leaf(links.preferencesURL),
        ]
    }

    /// The journey a message belongs to, from its name: `win-back-offer` → `win-back`.
    static func journey(of message: String) -> String {
        ["post-purchase", "win-back", "welcome"].first { message == $0 || message.hasPrefix($0 + "-") } ?? message
    }

    private static func tagged(_ url: String, _ utm: String) -> String {
        var (base, fragment) = url.split(separator: "#", maxSplits: 1).map(String.init).splitFragment
        let slashes = base.utf8.count { $0 == UInt8(ascii: "/") }
        if slashes == 2, base.utf8.contains(UInt8(ascii: ":")) { base += "/" }  // https://host → https://host/
        return base + (base.utf8.contains(UInt8(ascii: "?")) ? "&" : "?") + utm + fragment
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
