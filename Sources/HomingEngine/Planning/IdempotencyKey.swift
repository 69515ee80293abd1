import Crypto
import HomingCore

/// The idempotency key of one planned send (DESIGN §5).
///
/// ```swift
/// IdempotencyKey.make(journey: "win-back", enrolment: 1042, step: "1", customerID: "c_7", channel: .email)
/// // "hm_3f9c…" (hm_ and 32 hex digits)
/// ```
///
/// A digest of (journey, enrolment, step, customer, channel), so it is the same however often the
/// send is planned, fits every provider's field, and reveals no customer id to providers.
public enum IdempotencyKey {
    public static func make(
        journey: String,
        enrolment: Int64,
        step: String,
        customerID: String,
        channel: DeliveryChannel
    ) -> String {
        var hasher = SHA256()
        for part in [journey, String(enrolment), step, customerID, channel.rawValue] {
            hasher.update(data: Array(part.utf8))
            hasher.update(data: [0])
        }
        let digest = hasher.finalize().prefix(16)
        return "hm_"
            + digest.map { byte in
                let hex = String(byte, radix: 16)
                return byte < 16 ? "0" + hex : hex
            }.joined()
    }
}
