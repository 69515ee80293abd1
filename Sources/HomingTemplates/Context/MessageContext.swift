import Foundation
import HomingCore

/// Everything a message can say about one customer, before any formatting.
///
/// ```swift
/// let context = MessageContext(
///     customer: .init(firstName: "Zoë", email: "zoe@example.com"),
///     shop: .init(name: "Maison Lumière", url: "https://shop.example", postalAddress: "1 rue Lepic, 75018 Paris",
///                 supportEmail: "help@shop.example"),
///     links: .init(shopURL: "https://shop.example", unsubscribeURL: "https://shop.example/u/abc",
///                  preferencesURL: "https://shop.example/p/abc"),
///     locale: try LocaleTag(parsing: "fr-CA"), timeZone: TimeZone(identifier: "America/Montreal")!)
/// ```
///
/// Money is in minor units with its currency and instants are `Date`s; the renderer formats them for the
/// locale each part resolves to, in the customer's time zone, so templates never format anything.
public struct MessageContext: Sendable {
    public var customer: Customer
    public var shop: Shop
    /// The order a post-purchase message is about; required by messages that mention `order`.
    public var order: Order?
    /// The incentive of an offer message; required by messages that mention `offer`.
    public var offer: Offer?
    public var links: Links
    /// The customer's language tag; resolution falls back from it (DESIGN.md §4.5).
    public var locale: LocaleTag
    /// The customer's time zone: dates are the calendar day the customer sees.
    public var timeZone: TimeZone

    public init(
        customer: Customer,
        shop: Shop,
        order: Order? = nil,
        offer: Offer? = nil,
        links: Links,
        locale: LocaleTag,
        timeZone: TimeZone
    ) {
        self.customer = customer
        self.shop = shop
        self.order = order
        self.offer = offer
        self.links = links
        self.locale = locale
        self.timeZone = timeZone
    }

    /// The person the message is for; every field may be unknown.
    public struct Customer: Sendable {
        public var firstName: String?
        public var lastName: String?
        public var email: String?
        public var phone: String?

        public init(firstName: String? = nil, lastName: String? = nil, email: String? = nil, phone: String? = nil) {
            self.firstName = firstName
            self.lastName = lastName
            self.email = email
            self.phone = phone
        }
    }

    /// The sender; the postal address is legally required in marketing email footers.
    public struct Shop: Sendable {
        public var name: String
        public var url: String
        public var postalAddress: String
        public var supportEmail: String

        public init(name: String, url: String, postalAddress: String, supportEmail: String) {
            self.name = name
            self.url = url
            self.postalAddress = postalAddress
            self.supportEmail = supportEmail
        }
    }

    /// A completed order; `total` and item prices are in minor units of `currency`.
    public struct Order: Sendable {
        public var number: String
        public var placedAt: Date
        public var items: [Item]
        public var total: Int64
        public var currency: Currency

        public init(number: String, placedAt: Date, items: [Item], total: Int64, currency: Currency) {
            self.number = number
            self.placedAt = placedAt
            self.items = items
            self.total = total
            self.currency = currency
        }

        /// One order line; `price` is the unit price in minor units.
        public struct Item: Sendable {
            public var name: String
            public var quantity: Int
            public var price: Int64

            public init(name: String, quantity: Int, price: Int64) {
                self.name = name
                self.quantity = quantity
                self.price = price
            }
        }
    }

    /// A promo code worth `percent` off until `expiresAt`.
    public struct Offer: Sendable {
        public var code: String
        public var percent: Int
        public var expiresAt: Date

        public init(code: String, percent: Int, expiresAt: Date) {
            self.code = code
            self.percent = percent
            self.expiresAt = expiresAt
        }
    }

    /// Per-customer URLs; `shopURL` and `reviewURL` get UTM parameters for the journey and message.
    public struct Links: Sendable {
        public var shopURL: String
        public var unsubscribeURL: String
        public var preferencesURL: String
        /// Where a review is written; the shop URL when nil.
        public var reviewURL: String?

        public init(shopURL: String, unsubscribeURL: String, preferencesURL: String, reviewURL: String? = nil) {
            self.shopURL = shopURL
            self.unsubscribeURL = unsubscribeURL
            self.preferencesURL = preferencesURL
            self.reviewURL = reviewURL
        }
    }
}
