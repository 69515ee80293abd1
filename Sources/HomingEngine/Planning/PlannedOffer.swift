import Foundation
import HomingCore
import HomingTemplates

/// A promo offer fixed when its send is planned, stored with the outbox row as `CODE;PERCENT;EXPIRES_MS`.
///
/// ```swift
/// let offer = PlannedOffer(code: "COMEBACK-7K2Q", percent: 15, expiresAt: now.adding(days: 14))
/// PlannedOffer(encoded: offer.encoded) == offer   // true
/// ```
public struct PlannedOffer: Hashable, Sendable {
    public var code: String
    public var percent: Int
    public var expiresAt: Instant

    public init(code: String, percent: Int, expiresAt: Instant) {
        self.code = code
        self.percent = percent
        self.expiresAt = expiresAt
    }

    public init?(encoded: String) {
        let parts = encoded.split(separator: ";")
        guard parts.count == 3, let percent = Int(parts[1]), let ms = Int64(parts[2]) else { return nil }
        self.init(code: String(parts[0]), percent: percent, expiresAt: Instant(millisecondsSince1970: ms))
    }

    public var encoded: String { "\(code);\(percent);\(expiresAt.millisecondsSince1970)" }

    /// A code unique to the enrolment: the prefix and six characters derived from its key.
    public static func code(prefix: String, key: String) -> String {
        let alphabet = Array("ABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in key.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        var suffix = ""
        for _ in 0..<6 {
            suffix.append(alphabet[Int(hash % UInt64(alphabet.count))])
            hash /= UInt64(alphabet.count)
        }
        return prefix.isEmpty ? suffix : "\(prefix)-\(suffix)"
    }

    var context: MessageContext.Offer {
        MessageContext.Offer(
            code: code,
            percent: percent,
            expiresAt: Date(timeIntervalSince1970: Double(expiresAt.millisecondsSince1970) / 1000)
        )
    }
}
