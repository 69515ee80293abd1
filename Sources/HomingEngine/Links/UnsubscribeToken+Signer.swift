import Crypto
import HomingChannels
import HomingCore

extension UnsubscribeToken {
    /// Signs tokens with one secret keyed once, for signing one token per message.
    ///
    /// ```swift
    /// let signer = UnsubscribeToken.Signer(secret: SymmetricKey(data: profile.linkSecret))
    /// let text = signer.sign(UnsubscribeToken(customerID: "c_1042", scope: .email, issuedAt: .now))
    /// // == token.signed(with: secret), and verifies with UnsubscribeToken.verify(text, with: secret)
    /// ```
    ///
    /// Keying the HMAC per message was most of the token's cost; concurrent sends may share a
    /// signer (``KeyedHMAC``).
    public struct Signer: Sendable {
        private let keyed: KeyedHMAC

        public init(secret: SymmetricKey) {
            keyed = KeyedHMAC(key: secret)
        }

        /// The same text as ``UnsubscribeToken/signed(with:)`` with this signer's secret.
        public func sign(_ token: UnsubscribeToken) -> String {
            let payload = token.payload
            var hmac = keyed.start()
            // From a raw buffer: given the array itself, `update(data:)` took it a byte at a time.
            payload.withUnsafeBytes { hmac.update(data: $0) }
            let mac = hmac.finalize()
            return UnsubscribeToken.base64URL(payload) + "." + UnsubscribeToken.base64URL(Array(mac.prefix(16)))
        }
    }

    /// The signed bytes: `customer \n scope \n issued seconds`.
    var payload: [UInt8] {
        Array("\(customerID)\n\(scope.rawValue)\n\(issuedAt.millisecondsSince1970 / 1000)".utf8)
    }
}
