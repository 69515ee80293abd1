import GRDB
import HomingCore

extension SQLiteStore: SMSOptInStore {
    /// In one transaction, so a retried callback finds either nothing or everything done.
    public func applySMSOptIn(phone: String) throws -> SMSOptIn {
        try pool.write { db in
            var change = SMSOptIn()
            let reasons = SMSOptIn.optOutReasons
            try db.execute(
                sql: """
                    DELETE FROM suppressions WHERE channel = 'sms' AND address = ?
                    AND reason IN (\(reasons.map { _ in "?" }.joined(separator: ", ")))
                    """,
                arguments: StatementArguments([phone] + reasons)
            )
            change.lifted = db.changesCount
            // Only customers who had consent and withdrew it from this number get it back.
            try db.execute(
                sql: """
                    UPDATE customers SET consent_sms = 1
                    WHERE consent_sms = 0 AND phone = ?1
                    AND key IN (SELECT customer_key FROM sms_consent_withdrawals WHERE phone = ?1)
                    """,
                arguments: [phone]
            )
            change.consentGranted = db.changesCount
            try db.execute(sql: "DELETE FROM sms_consent_withdrawals WHERE phone = ?", arguments: [phone])
            return change
        }
    }

    /// Withdraws SMS consent of the customers `condition` selects among those who have it, and
    /// remembers each one's phone so an opt-in reply can restore exactly them; returns how many
    /// changed. `condition` is SQL over `customers` with `arguments` for its placeholders.
    static func withdrawSMSConsent(
        _ db: Database,
        where condition: String,
        arguments: StatementArguments,
        source: String,
        at: Instant
    ) throws -> Int {
        let withdrawn = try Row.fetchAll(
            db,
            sql: "UPDATE customers SET consent_sms = 0 WHERE consent_sms = 1 AND (\(condition)) RETURNING key, phone",
            arguments: arguments
        )
        for row in withdrawn {
            guard let phone = row["phone"] as String?, !phone.isEmpty else { continue }
            try db.execute(
                sql: """
                    INSERT OR REPLACE INTO sms_consent_withdrawals (customer_key, phone, source, withdrawn_at)
                    VALUES (?, ?, ?, ?)
                    """,
                arguments: [row["key"] as Int64, phone, source, at.millisecondsSince1970]
            )
        }
        return withdrawn.count
    }
}
