import Foundation
import HomingCore

extension MessageContext {
    /// The sample context of the customer's language, with the real customer and, when given, their real order.
    ///
    /// ```swift
    /// let context = MessageContext.preview(customer: zoe, order: lastOrder, defaultLocale: en, defaultTimeZone: "UTC")
    /// context.customer.firstName   // "Zoë"
    /// ```
    ///
    /// The shop, offer and links stay sample values until the journeys supply real ones. Order items are
    /// read from the order's `items` JSON (`[{"name", "quantity", "price"}]`); unreadable items are left out.
    public static func preview(
        customer: HomingCore.Customer,
        order: HomingCore.Order?,
        defaultLocale: LocaleTag,
        defaultTimeZone: String
    ) -> MessageContext {
        let locale = customer.locale ?? defaultLocale
        var context = MessageContext.sample(for: locale)
        context.customer = Customer(
            firstName: customer.firstName,
            lastName: customer.lastName,
            email: customer.email,
            phone: customer.phone
        )
        context.timeZone =
            customer.timeZone.flatMap(TimeZone.init(identifier:)) ?? TimeZone(identifier: defaultTimeZone)
            ?? context.timeZone
        if let order {
            context.order = Order(
                number: order.id,
                placedAt: Date(timeIntervalSince1970: Double(order.orderedAt.millisecondsSince1970) / 1000),
                items: items(of: order),
                total: order.amountMinor,
                currency: order.currency
            )
        }
        return context
    }

    private static func items(of order: HomingCore.Order) -> [Order.Item] {
        guard let text = order.items, let data = text.data(using: .utf8),
            let list = try? JSONSerialization.jsonObject(with: data) as? [[String: Any]]
        else { return [] }
        return list.compactMap { entry in
            guard let name = entry["name"] as? String, let quantity = entry["quantity"] as? Int,
                let priceText = entry["price"] as? String,
                let price = try? order.currency.minorUnits(fromDecimal: priceText)
            else { return nil }
            return Order.Item(name: name, quantity: quantity, price: price)
        }
    }
}
