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
            try db.execute(
                sql: "UPDATE customers SET consent_sms = 1 WHERE consent_sms = 0 AND phone = ?",
                arguments: [phone]
            )
            change.consentGranted = db.changesCount
            return change
        }
    }
}
