import GRDB
import HomingCore

extension SQLiteStore {
    public func customer(id: String) throws -> Customer? {
        try pool.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM customers WHERE id = ?", arguments: [id]) else {
                return nil
            }
            let locale: String? = row["locale"]
            let signup: Int64? = row["signup_at"]
            return Customer(
                id: row["id"],
                email: row["email"],
                phone: row["phone"],
                pushToken: row["push_token"],
                firstName: row["first_name"],
                lastName: row["last_name"],
                locale: locale.flatMap { try? LocaleTag(parsing: $0) },
                timeZone: row["timezone"],
                country: row["country"],
                signupAt: signup.map(Instant.init(millisecondsSince1970:)),
                consent: Consent(email: row["consent_email"], sms: row["consent_sms"], push: row["consent_push"])
            )
        }
    }

    public func latestCompletedOrder(customerID: String) throws -> Order? {
        try pool.read { db in
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT o.* FROM orders o JOIN customers c ON c.key = o.customer_key
                    WHERE c.id = ? AND o.status = 'completed' ORDER BY o.ordered_at DESC LIMIT 1
                    """,
                arguments: [customerID]
            )
            return row.flatMap { Self.order(from: $0, customerID: customerID) }
        }
    }

    public func order(id: String) throws -> Order? {
        try pool.read { db in
            let row = try Row.fetchOne(
                db,
                sql:
                    "SELECT o.*, c.id AS customer_id FROM orders o JOIN customers c ON c.key = o.customer_key WHERE o.id = ?",
                arguments: [id]
            )
            return row.flatMap { Self.order(from: $0, customerID: $0["customer_id"]) }
        }
    }

    static func order(from row: Row, customerID: String) -> Order? {
        guard let currency = Currency(row["currency"]), let status = OrderStatus(rawValue: row["status"]) else {
            return nil
        }
        return Order(
            id: row["id"],
            customerID: customerID,
            orderedAt: Instant(millisecondsSince1970: row["ordered_at"]),
            amountMinor: row["amount_minor"],
            currency: currency,
            status: status,
            items: row["items"],
            promoCode: row["promo_code"]
        )
    }
}
