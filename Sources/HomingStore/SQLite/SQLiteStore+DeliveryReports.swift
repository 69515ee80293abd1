import GRDB
import HomingCore

extension SQLiteStore: DeliveryReportStore {
    public func applyDeliveryReports(_ reports: [DeliveryReport], now: Instant) throws -> DeliveryReportSummary {
        guard !reports.isEmpty else { return DeliveryReportSummary() }
        return try pool.write { db in
            var summary = DeliveryReportSummary()
            for report in reports { try Self.apply(report, db: db, now: now, summary: &summary) }
            return summary
        }
    }

    public func providerDelivery(outboxKey: String) throws -> (delivery: ProviderDelivery, at: Instant)? {
        try pool.read { db in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: "SELECT delivery, delivery_at FROM outbox WHERE key = ? AND delivery IS NOT NULL",
                    arguments: [outboxKey]
                ),
                let delivery = ProviderDelivery(rawValue: row[0])
            else { return nil }
            return (delivery, Instant(millisecondsSince1970: row[1]))
        }
    }

    private static func apply(
        _ report: DeliveryReport,
        db: Database,
        now: Instant,
        summary: inout DeliveryReportSummary
    )
        throws
    {
        var matched: (id: Int64, customerKey: Int64)?
        if let message = report.message {
            matched = try outboxRow(db, message, channel: report.channel.rawValue)
            if matched == nil { summary.unmatched += 1 } else { summary.matched += 1 }
        }
        if let matched, let delivery = report.delivery {
            try db.execute(
                sql: """
                    UPDATE outbox SET delivery = ?, delivery_at = ?, updated_at = ?
                    WHERE id = ? AND \(rankOfStoredDelivery) <= ?
                    """,
                arguments: [
                    delivery.rawValue, report.at.millisecondsSince1970, now.millisecondsSince1970, matched.id,
                    delivery.rank,
                ]
            )
        }
        guard report.suppression != nil || report.withdrawsConsent,
            let addressColumn = addressColumn(report.channel)
        else { return }
        var addresses = report.address.map { [$0] } ?? []
        // The address we actually sent to may differ from the reported one (case, formatting).
        if let matched,
            let stored = try String.fetchOne(
                db,
                sql: "SELECT \(addressColumn) FROM customers WHERE key = ?",
                arguments: [matched.customerKey]
            ), !addresses.contains(stored)
        {
            addresses.append(stored)
        }
        if let reason = report.suppression {
            for address in addresses {
                try insertSuppression(
                    db,
                    channel: report.channel.rawValue,
                    address: address,
                    reason: reason,
                    at: now.millisecondsSince1970
                )
                summary.suppressed += db.changesCount
            }
        }
        if report.withdrawsConsent, let consent = consentColumn(report.channel) {
            summary.consentWithdrawn += try withdraw(
                consent,
                addressColumn: addressColumn,
                addresses: addresses,
                customerKey: matched?.customerKey,
                source: report.suppression ?? "\(report.channel.rawValue) opt-out",
                at: now,
                db: db
            )
        }
    }

    /// The row a report names: by our key first (exact and ours), then by the provider's id.
    private static func outboxRow(
        _ db: Database,
        _ message: MessageReference,
        channel: String
    ) throws -> (
        id: Int64, customerKey: Int64
    )? {
        if let key = message.outboxKey,
            let row = try Row.fetchOne(
                db,
                sql: "SELECT id, customer_key FROM outbox WHERE key = ? AND channel = ?",
                arguments: [key, channel]
            )
        {
            return (row[0], row[1])
        }
        for id in message.providerMessageIDs where !id.isEmpty {
            if let row = try outboxRow(providerID: id, channel: channel, in: db) { return row }
        }
        return nil
    }

    /// Withdraws consent of every customer at one of `addresses` (emails compared without ASCII
    /// case) and of the matched row's customer; returns how many changed. Both lookups use the
    /// v4 address indexes (`customers_by_phone`, `customers_by_email`). SMS withdrawals are
    /// remembered, so an opt-in reply can give them back.
    private static func withdraw(
        _ consent: String,
        addressColumn: String,
        addresses: [String],
        customerKey: Int64?,
        source: String,
        at now: Instant,
        db: Database
    ) throws -> Int {
        let collation = addressColumn == "email" ? " COLLATE NOCASE" : ""
        var targets: [(condition: String, argument: DatabaseValueConvertible)] = addresses.map {
            ("\(addressColumn) = ?\(collation)", $0)
        }
        if let customerKey { targets.append(("key = ?", customerKey)) }
        var changed = 0
        for target in targets {
            if consent == "consent_sms" {
                changed += try withdrawSMSConsent(
                    db,
                    where: target.condition,
                    arguments: [target.argument],
                    source: source,
                    at: now
                )
            } else {
                try db.execute(
                    sql: "UPDATE customers SET \(consent) = 0 WHERE \(consent) = 1 AND \(target.condition)",
                    arguments: [target.argument]
                )
                changed += db.changesCount
            }
        }
        return changed
    }

    /// The stored delivery's rank, as ``ProviderDelivery/rank`` defines it (0 when none).
    private static let rankOfStoredDelivery =
        "CASE WHEN delivery IS NULL THEN 0 "
        + ProviderDelivery.allCases.map { "WHEN delivery = '\($0.rawValue)' THEN \($0.rank) " }.joined()
        + "ELSE 0 END"

    private static func addressColumn(_ channel: DeliveryChannel) -> String? {
        switch channel {
        case .email: "email"
        case .sms: "phone"
        case .push: "push_token"
        case .webhook: nil
        }
    }

    private static func consentColumn(_ channel: DeliveryChannel) -> String? {
        switch channel {
        case .email: "consent_email"
        case .sms: "consent_sms"
        case .push: "consent_push"
        case .webhook: nil
        }
    }
}
