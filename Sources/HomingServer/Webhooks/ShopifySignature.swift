import Crypto
import Foundation

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
    private let keys: [[UInt8]]

    /// `secrets` from `HOMING_SHOPIFY_SECRET` and, during a rotation, `HOMING_SHOPIFY_SECRET_PREVIOUS`.
    public init(secrets: [String]) {
        keys = secrets.filter { !$0.isEmpty }.map { Array($0.utf8) }
    }

    /// Whether any secret is configured; without one nothing can be verified.
    public var isConfigured: Bool { !keys.isEmpty }

    public func isValid(header: String?, body: [UInt8]) -> Bool {
        // Trimmed by hand: Foundation's `trimmingCharacters` was 2% of a webhook's CPU.
        guard let header,
            let received = Data(base64Encoded: String(decoding: header.utf8.trimmingSpaces, as: UTF8.self))
        else { return false }
        var matched = false
        for key in keys {
            let expected = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: key))
            guard expected.byteCount == received.count else { continue }
            var difference: UInt8 = 0
            for (mine, theirs) in zip(expected, received) { difference |= mine ^ theirs }
            if difference == 0 { matched = true }
        }
        return matched
    }
}
