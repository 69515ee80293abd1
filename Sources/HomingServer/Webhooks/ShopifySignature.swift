import Crypto
import Foundation
import HomingChannels

/// Verifies `X-Shopify-Hmac-Sha256`: the base64 HMAC-SHA256 of the raw body, keyed by the shop's
/// webhook secret, during a rotation by either the current or the previous secret.
///
/// ```swift
/// let shopify = ShopifySignature(secrets: [current, previous].compactMap(\.self))
/// guard shopify.isValid(header: request.headers["X-Shopify-Hmac-Sha256"], body: rawBody) else { return 401 }
/// ```
///
/// The raw bytes are what count: a body parsed and serialised again, even with other spacing,
/// no longer matches. Comparison takes the same time wherever the first difference is.
public struct ShopifySignature: Sendable {
    /// An HMAC per secret with the key already absorbed; each request hashes a copy, since keying
    /// one (the padded key through SHA-256, twice) was over a third of the check.
    private let keyed: [KeyedHMAC]

    /// `secrets` from `HOMING_SHOPIFY_SECRET` and, during a rotation, `HOMING_SHOPIFY_SECRET_PREVIOUS`.
    public init(secrets: [String]) {
        keyed = secrets.filter { !$0.isEmpty }.map {
            KeyedHMAC(key: SymmetricKey(data: Array($0.utf8)))
        }
    }

    /// Whether any secret is configured; without one nothing can be verified.
    public var isConfigured: Bool { !keyed.isEmpty }

    public func isValid(header: String?, body: [UInt8]) -> Bool {
        // Trimmed by hand: Foundation's `trimmingCharacters` was 2% of a webhook's CPU.
        guard let header,
            let received = Data(base64Encoded: String(decoding: header.utf8.trimmingSpaces, as: UTF8.self))
        else { return false }
        var matched = false
        for key in keyed {
            var hmac = key.start()
            hmac.update(data: body)
            let expected = hmac.finalize()
            guard expected.byteCount == received.count else { continue }
            var difference: UInt8 = 0
            for (mine, theirs) in zip(expected, received) { difference |= mine ^ theirs }
            if difference == 0 { matched = true }
        }
        return matched
    }
}
