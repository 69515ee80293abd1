import Crypto

/// An HMAC-SHA256 keyed once, for signing or checking many messages under one secret.
///
/// ```swift
/// let key = KeyedHMAC(key: SymmetricKey(data: secretBytes))
/// var hmac = key.start()          // a copy with the key already absorbed
/// hmac.update(data: body)
/// let mac = hmac.finalize()
/// ```
///
/// Keying (the padded key through SHA-256 twice) costs more than hashing a short message, so
/// webhook signatures, Shopify checks and unsubscribe tokens each key once and copy per message.
/// Copies may be taken on several threads at once: swift-crypto's digest state is copy-on-write, so
/// a copy's first update gets its own state and the shared one is only read. `HMAC` is not marked
/// `Sendable`, hence `@unchecked`.
public struct KeyedHMAC: @unchecked Sendable {
    private let keyed: HMAC<SHA256>

    public init(key: SymmetricKey) { keyed = HMAC<SHA256>(key: key) }

    /// A fresh HMAC for one message.
    public func start() -> HMAC<SHA256> { keyed }
}
