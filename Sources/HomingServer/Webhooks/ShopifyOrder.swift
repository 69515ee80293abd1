import HomingCore
import HomingEngine

/// The parts of a Shopify order webhook (`orders/create`, `orders/paid`, …) Homing uses; every
/// other field of the payload is checked as JSON and skipped.
///
/// ```swift
/// let order = try ShopifyOrder.read(body)       // 400 naming the field when it is not usable
/// let event = try order.event(id: eventID, topic: "orders/paid", parsers: parsers)
/// ```
///
/// Read byte by byte (``JSONReader``, in `ShopifyOrder+Reading.swift`), not with `JSONDecoder`.
/// Ids are kept as decimal text whether they come as numbers or strings; prices as text whether
/// they come as strings or numbers.
struct ShopifyOrder {
    var id = ""
    var email: String?
    var phone: String?
    var createdAt = ""
    var processedAt: String?
    var cancelledAt: String?
    var totalPrice = ""
    var currency = ""
    var financialStatus: String?
    var customerLocale: String?
    var lineItems: [LineItem]?
    var discountCodes: [DiscountCode]?
    var customer: Customer?

    struct LineItem {
        var name: String?
        var title: String?
        var quantity = 0
        var price = ""
    }

    struct DiscountCode {
        var code = ""
    }

    struct Customer {
        var id = ""
        var email: String?
        var phone: String?
        var firstName: String?
        var lastName: String?
        var locale: String?
        var createdAt: String?
        var acceptsMarketing: Bool?
        var emailMarketingConsent: Consent?
        var smsMarketingConsent: Consent?
        var defaultAddress: Address?
    }

    struct Consent {
        var state: String?
    }

    struct Address {
        var countryCode: String?
    }

    /// The order as Homing keeps it: null while unpaid (pending, authorized), so only paid orders
    /// count and trigger post-purchase.
    var status: OrderStatus? {
        if cancelledAt != nil { return .cancelled }
        switch financialStatus {
        case "paid", "partially_refunded": return .completed
        case "refunded": return .refunded
        case "voided": return .cancelled
        default: return nil
        }
    }

    /// The customer and order upserts and the post-purchase trigger this order amounts to.
    func event(id eventID: String, topic: String, parsers: RowParsers) throws(WebhookRejection) -> InboundEvent {
        var event = InboundEvent(source: "shopify", id: eventID, topic: topic)
        guard let customer else { return event }  // a guest checkout without a customer: nothing to message
        event.customer = try customerRecord(customer).customer(parsers: parsers) { "customer.\(Self.jsonName($0))" }
        guard let status else { return event }
        var record = ColumnRecord()
        record["order_id"] = id
        record["customer_id"] = customer.id
        record["ordered_at"] = processedAt ?? createdAt
        record["amount"] = totalPrice
        record["currency"] = currency
        record["status"] = status.rawValue
        record["items"] = itemsJSON
        record["promo_code"] = discountCodes?.first?.code
        event.order = try record.order(parsers: parsers) { Self.orderJSONName($0) }
        if status == .completed { event.triggers = [.orderCompleted] }
        return event
    }

    private func customerRecord(_ customer: Customer) -> ColumnRecord {
        var record = ColumnRecord()
        record["customer_id"] = customer.id
        record["email"] = customer.email ?? email
        record["phone"] = customer.phone ?? phone
        record["first_name"] = customer.firstName
        record["last_name"] = customer.lastName
        record["locale"] = customer.locale ?? customerLocale
        record["country"] = customer.defaultAddress?.countryCode
        record["signup_at"] = customer.createdAt
        // Newer payloads carry marketing consent per channel; older ones only accepts_marketing.
        if let state = customer.emailMarketingConsent?.state {
            record["consent_email"] = state == "subscribed" ? "true" : "false"
        } else if let accepts = customer.acceptsMarketing {
            record["consent_email"] = accepts ? "true" : "false"
        }
        if let state = customer.smsMarketingConsent?.state {
            record["consent_sms"] = state == "subscribed" ? "true" : "false"
        }
        return record
    }

    /// Items as the `items` column wants them: `[{"name","price","quantity"}]`, written as bytes
    /// (`JSONSerialization` was an eighth of the webhook's CPU).
    private var itemsJSON: String? {
        guard let lineItems, !lineItems.isEmpty else { return nil }
        var out = JSONBytes(capacity: 64 * lineItems.count)
        out.raw("[")
        for (index, item) in lineItems.enumerated() {
            out.raw(index == 0 ? "{\"name\":" : ",{\"name\":")
            out.string(item.name ?? item.title ?? "")
            out.raw(",\"price\":")
            out.string(item.price)
            out.raw(",\"quantity\":")
            out.integer(item.quantity)
            out.raw("}")
        }
        out.raw("]")
        return String(decoding: out.bytes, as: UTF8.self)
    }

    private static func jsonName(_ column: String) -> String {
        switch column {
        case "customer_id": "id"
        case "signup_at": "created_at"
        case "consent_email": "email_marketing_consent"
        case "consent_sms": "sms_marketing_consent"
        case "country": "default_address.country_code"
        default: column
        }
    }

    private static func orderJSONName(_ column: String) -> String {
        switch column {
        case "order_id": "id"
        case "customer_id": "customer.id"
        case "ordered_at": "processed_at"
        case "amount": "total_price"
        case "status": "financial_status"
        case "items": "line_items"
        case "promo_code": "discount_codes"
        default: column
        }
    }
}
