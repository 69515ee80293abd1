import GRDB
import HomingCore

extension SQLiteStore {
    public func withdrawConsent(customerID: String, channels: Set<DeliveryChannel>) throws -> Bool {
        let columns = channels.sorted { $0.rawValue < $1.rawValue }.compactMap { channel -> String? in
            switch channel {
            case .email: "consent_email = 0"
            case .sms: "consent_sms = 0"
            case .push: "consent_push = 0"
            case .webhook: nil
            }
        }
        guard !columns.isEmpty else { return false }
        return try pool.write { db in
            if channels.contains(.sms) {
                _ = try Self.withdrawSMSConsent(
                    db,
                    where: "id = ?",
                    arguments: [customerID],
                    source: "unsubscribe link",
                    at: .now
                )
            }
            try db.execute(
                sql: "UPDATE customers SET \(columns.joined(separator: ", ")) WHERE id = ?",
                arguments: [customerID]
            )
            return db.changesCount == 1
        }
    }
}
