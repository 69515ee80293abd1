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
/// let links = TaggedLinks(message: "win-back-offer", channel: .email)
/// let tree = RenderValues.build(context, links: links, formats: LocaleFormats(locale: fr, formatter: .shared),
///                               slots: &slots)
/// (tree["offer"] as? [String: Any])?["percent"]   // "20 %"
/// ```
///
/// Every leaf is a finished string: money, dates and percentages are formatted here for the locale of
/// `formats` (resolved once per render plan, not looked up per value), never in
/// templates. Missing optional values are ``Absent``, so a known name always resolves. Each leaf goes
/// through `slots`, which records it in a fixed order; see ``RenderSlots``.
enum RenderValues {
    @discardableResult
    static func build<Slots: RenderLeaves>(
        _ context: MessageContext,
        links tagging: TaggedLinks,
        formats: LocaleFormats,
        slots: inout Slots
    ) -> [String: Any] {
        // Leaves are taken in this fixed order in every mode; the tree is only built when it is rendered.
        let firstName = slots.optional(context.customer.firstName)
        let lastName = slots.optional(context.customer.lastName)
        let email = slots.optional(context.customer.email)
        // The shop's values come one after another, so that they are one range of the slots.
        let sharedStart = slots.count
        let shop = (
            name: slots.leaf(context.shop.name), url: slots.leaf(context.shop.url),
            postalAddress: slots.leaf(context.shop.postalAddress), supportEmail: slots.leaf(context.shop.supportEmail)
        )
        // Every customer of a shop gets the same shop link (``TaggedLinks``); review links may differ.
        let shopLink = slots.leaf(tagging.tagged(context.links.shopURL))
        slots.shared = sharedStart..<slots.count
        let links = self.links(context.links, shopLink: shopLink, tagging: tagging, slots: &slots)
        var order: [String: Any]?
        if let value = context.order {
            slots.shape(value.items.count)
            order = self.order(value, timeZone: context.timeZone, formats: formats, slots: &slots)
        } else {
            slots.shape(-1)
        }
        var offer: (code: Slots.Leaf, percent: Slots.Leaf, expiresAt: Slots.Leaf)?
        if let value = context.offer {
            slots.shape(1)
            offer = (
                slots.leaf(value.code), slots.leaf(formats.percent(value.percent)),
                slots.leaf(formats.date(value.expiresAt, timeZone: context.timeZone))
            )
        } else {
            slots.shape(0)
        }
        guard slots.buildsTree else { return [:] }
        var values: [String: Any] = [
            "customer": [
                "first_name": slots.box(firstName), "last_name": slots.box(lastName), "email": slots.box(email),
            ],
            "shop": [
                "name": slots.box(shop.name), "url": slots.box(shop.url),
                "postal_address": slots.box(shop.postalAddress),
                "support_email": slots.box(shop.supportEmail),
            ],
            "links": links,
        ]
        if let order { values["order"] = order }
        if let offer {
            values["offer"] = [
                "code": slots.box(offer.code), "percent": slots.box(offer.percent),
                "expires_at": slots.box(offer.expiresAt),
            ]
        }
        return values
    }

    private static func order<Slots: RenderLeaves>(
        _ order: MessageContext.Order,
        timeZone: TimeZone,
        formats: LocaleFormats,
        slots: inout Slots
    ) -> [String: Any] {
        var items: [[String: Any]] = []
        let money = formats.money(order.currency)
        var count = 0
        for item in order.items {
            let name = slots.leaf(item.name)
            let quantity = slots.leaf(formats.integer(item.quantity))
            let price = slots.leaf(money.format(item.price))
            let total = slots.leaf(money.format(item.price * Int64(item.quantity)))
            count += item.quantity
            if slots.buildsTree {
                items.append([
                    "name": slots.box(name), "quantity": slots.box(quantity), "price": slots.box(price),
                    "line_total": slots.box(total),
                ])
            }
        }
        let number = slots.leaf(order.number)
        let placedAt = slots.leaf(formats.date(order.placedAt, timeZone: timeZone))
        let total = slots.leaf(money.format(order.total))
        let itemCount = slots.leaf(formats.integer(count))
        guard slots.buildsTree else { return [:] }
        return [
            "number": slots.box(number), "placed_at": slots.box(placedAt), "total": slots.box(total),
            "item_count": slots.box(itemCount),
            "items": items,
        ]
    }

    private static func links<Slots: RenderLeaves>(
        _ links: MessageContext.Links,
        shopLink shop: Slots.Leaf,
        tagging: TaggedLinks,
        slots: inout Slots
    ) -> [String: Any] {
        let review = slots.leaf(tagging.tagged(links.reviewURL ?? links.shopURL))
        let unsubscribe = slots.leaf(links.unsubscribeURL)
        let preferences = slots.leaf(links.preferencesURL)
        guard slots.buildsTree else { return [:] }
        return [
            "shop_url": slots.box(shop), "review_url": slots.box(review), "unsubscribe_url": slots.box(unsubscribe),
            "preferences_url": slots.box(preferences),
        ]
    }

    /// The journey a message belongs to, from its name: `win-back-offer` → `win-back`.
    static func journey(of message: String) -> String {
        for journey in ["post-purchase", "win-back", "welcome"] where message.hasPrefix(journey) {
            let rest = message.utf8.dropFirst(journey.utf8.count)
            if rest.isEmpty || rest.first == UInt8(ascii: "-") { return journey }
        }
        return message
    }

    /// The locale to format values in: the customer's own tag when the template is in their language and
    /// script (so `fr-CA` keeps Canadian number style), else the template's.
    static func formattingLocale(customer: LocaleTag, template: LocaleTag) -> LocaleTag {
        let sameScript = (customer.script ?? customer.impliedScript) == (template.script ?? template.impliedScript)
        guard customer.language == template.language, sameScript else { return template }
        return customer.trailing.isEmpty ? customer : (try? LocaleTag(parsing: customer.baseTag)) ?? template
    }
}

extension LocaleTag {
    /// Language, script and region only.
    fileprivate var baseTag: String { [language, script, region].compactMap(\.self).joined(separator: "-") }
}
