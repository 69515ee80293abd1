extension ShopifyOrder {
    /// Reads the raw body; a malformed or incomplete payload is a 400 naming the field
    /// (`total_price`, `customer.id`, `line_items.1.quantity`).
    static func read(_ body: [UInt8]) throws(WebhookRejection) -> ShopifyOrder {
        var reader = JSONReader(body)
        do {
            return try reader.document { reader throws(JSONReadError) in try ShopifyOrder(reading: &reader) }
        } catch {
            throw JSONProblem.rejection(error)
        }
    }

    private init(reading reader: inout JSONReader) throws(JSONReadError) {
        var order = ShopifyOrder()
        var seen = Required()
        try reader.object { key, reader throws(JSONReadError) in
            if key == "id" {
                order.id = try reader.integerText()
                seen.id = true
            } else if key == "email" {
                order.email = try reader.optionalString()
            } else if key == "phone" {
                order.phone = try reader.optionalString()
            } else if key == "created_at" {
                order.createdAt = try reader.string()
                seen.createdAt = true
            } else if key == "processed_at" {
                order.processedAt = try reader.optionalString()
            } else if key == "cancelled_at" {
                order.cancelledAt = try reader.optionalString()
            } else if key == "total_price" {
                order.totalPrice = try reader.text()
                seen.totalPrice = true
            } else if key == "currency" {
                order.currency = try reader.string()
                seen.currency = true
            } else if key == "financial_status" {
                order.financialStatus = try reader.optionalString()
            } else if key == "customer_locale" {
                order.customerLocale = try reader.optionalString()
            } else if key == "line_items" {
                order.lineItems = try reader.optionalArray { reader throws(JSONReadError) in
                    try LineItem(reading: &reader)
                }
            } else if key == "discount_codes" {
                order.discountCodes = try reader.optionalArray { reader throws(JSONReadError) in
                    try DiscountCode(reading: &reader)
                }
            } else if key == "customer" {
                order.customer = try reader.null() ? nil : try Customer(reading: &reader)
            } else {
                try reader.skip()
            }
        }
        // In the order `JSONDecoder` checked them, so the first one missing is named the same.
        if !seen.id { throw reader.missing("id") }
        if !seen.createdAt { throw reader.missing("created_at") }
        if !seen.totalPrice { throw reader.missing("total_price") }
        if !seen.currency { throw reader.missing("currency") }
        self = order
    }

    private struct Required {
        var id = false
        var createdAt = false
        var totalPrice = false
        var currency = false
    }
}

extension ShopifyOrder.LineItem {
    fileprivate init(reading reader: inout JSONReader) throws(JSONReadError) {
        var item = Self()
        var (hasQuantity, hasPrice) = (false, false)
        try reader.object { key, reader throws(JSONReadError) in
            if key == "name" {
                item.name = try reader.optionalString()
            } else if key == "title" {
                item.title = try reader.optionalString()
            } else if key == "quantity" {
                item.quantity = Int(try reader.integer())
                hasQuantity = true
            } else if key == "price" {
                item.price = try reader.text()
                hasPrice = true
            } else {
                try reader.skip()
            }
        }
        if !hasQuantity { throw reader.missing("quantity") }
        if !hasPrice { throw reader.missing("price") }
        self = item
    }
}

extension ShopifyOrder.DiscountCode {
    fileprivate init(reading reader: inout JSONReader) throws(JSONReadError) {
        var code: String?
        try reader.object { key, reader throws(JSONReadError) in
            if key == "code" { code = try reader.string() } else { try reader.skip() }
        }
        guard let code else { throw reader.missing("code") }
        self.init(code: code)
    }
}

extension ShopifyOrder.Customer {
    fileprivate init(reading reader: inout JSONReader) throws(JSONReadError) {
        var customer = Self()
        var hasID = false
        try reader.object { key, reader throws(JSONReadError) in
            if key == "id" {
                customer.id = try reader.integerText()
                hasID = true
            } else if key == "email" {
                customer.email = try reader.optionalString()
            } else if key == "phone" {
                customer.phone = try reader.optionalString()
            } else if key == "first_name" {
                customer.firstName = try reader.optionalString()
            } else if key == "last_name" {
                customer.lastName = try reader.optionalString()
            } else if key == "locale" {
                customer.locale = try reader.optionalString()
            } else if key == "created_at" {
                customer.createdAt = try reader.optionalString()
            } else if key == "accepts_marketing" {
                customer.acceptsMarketing = try reader.null() ? nil : try reader.bool()
            } else if key == "email_marketing_consent" {
                customer.emailMarketingConsent = try reader.optionalObject(\ShopifyOrder.Consent.state, "state")
            } else if key == "sms_marketing_consent" {
                customer.smsMarketingConsent = try reader.optionalObject(\ShopifyOrder.Consent.state, "state")
            } else if key == "default_address" {
                customer.defaultAddress = try reader.optionalObject(\ShopifyOrder.Address.countryCode, "country_code")
            } else {
                try reader.skip()
            }
        }
        guard hasID else { throw reader.missing("id") }
        self = customer
    }
}

extension ShopifyOrder.Consent: OneStringObject {}
extension ShopifyOrder.Address: OneStringObject {}

/// An object of which one optional string is kept (`{"state": …}`, `{"country_code": …}`).
private protocol OneStringObject {
    init()
}

extension JSONReader {
    /// A string, or nil for `null`.
    fileprivate mutating func optionalString() throws(JSONReadError) -> String? {
        try null() ? nil : try string()
    }

    /// An array of `element`s, or nil for `null`.
    fileprivate mutating func optionalArray<Element>(
        _ element: (inout JSONReader) throws(JSONReadError) -> Element
    ) throws(JSONReadError) -> [Element]? {
        if try null() { return nil }
        var elements: [Element] = []
        try array { reader throws(JSONReadError) in elements.append(try element(&reader)) }
        return elements
    }

    /// An object of which only the optional string `name` is kept, at `field`; nil for `null`.
    fileprivate mutating func optionalObject<Object: OneStringObject>(
        _ field: WritableKeyPath<Object, String?>,
        _ name: StaticString
    ) throws(JSONReadError) -> Object? {
        if try null() { return nil }
        var object = Object()
        try self.object { key, reader throws(JSONReadError) in
            if key == name { object[keyPath: field] = try reader.optionalString() } else { try reader.skip() }
        }
        return object
    }
}
