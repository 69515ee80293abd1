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
        guard let header, let received = Data(base64Encoded: header.trimmingCharacters(in: .whitespaces)) else {
            return false
        }
        var matched = false
        for key in keys {
            let expected = Array(HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: key)))
            guard expected.count == received.count else { continue }
            if zip(expected, received).reduce(0, { $0 | ($1.0 ^ $1.1) }) == 0 { matched = true }
        }
        return matched
    }
}
