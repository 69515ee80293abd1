import Crypto
import _CryptoExtras

extension JSONWebToken {
    /// A private key read from PEM and the JWS algorithm it signs with.
    ///
    /// ```swift
    /// let google = try JSONWebToken.SigningKey.rs256(pem: serviceAccount.privateKey)  // "-----BEGIN PRIVATE KEY-----…"
    /// let apple = try JSONWebToken.SigningKey.es256(pem: p8Text)                      // an APNs AuthKey_XXXX.p8
    /// ```
    ///
    /// PKCS#8 (`BEGIN PRIVATE KEY`, as Google and Apple hand them out) and the older PKCS#1
    /// (`BEGIN RSA PRIVATE KEY`) and SEC 1 (`BEGIN EC PRIVATE KEY`) forms are accepted. RSA keys
    /// must have at least 2048 bits. The key never appears in a description or an error.
    public struct SigningKey: Sendable {
        public enum Algorithm: String, Sendable, Hashable {
            /// RSASSA-PKCS1-v1_5 with SHA-256: Google service accounts.
            case rs256 = "RS256"
            /// ECDSA on P-256 with SHA-256: APNs provider tokens.
            case es256 = "ES256"
        }

        /// The PEM text is not a private key of the expected kind.
        public struct InvalidKey: Error, Sendable, Equatable {}

        private enum Storage: Sendable {
            case rsa(_RSA.Signing.PrivateKey)
            // Raw scalar bytes: swift-crypto's P-256 key type is not `Sendable`.
            case p256(raw: [UInt8])
        }

        public let algorithm: Algorithm
        private let storage: Storage

        /// An RSA key for RS256.
        public static func rs256(pem: String) throws(InvalidKey) -> SigningKey {
            do {
                return SigningKey(algorithm: .rs256, storage: .rsa(try _RSA.Signing.PrivateKey(pemRepresentation: pem)))
            } catch {
                throw InvalidKey()
            }
        }

        /// A P-256 key for ES256.
        public static func es256(pem: String) throws(InvalidKey) -> SigningKey {
            do {
                let key = try P256.Signing.PrivateKey(pemRepresentation: pem)
                return SigningKey(algorithm: .es256, storage: .p256(raw: Array(key.rawRepresentation)))
            } catch {
                throw InvalidKey()
            }
        }

        private init(algorithm: Algorithm, storage: Storage) {
            self.algorithm = algorithm
            self.storage = storage
        }

        /// The JWS signature over `input`: PKCS#1 v1.5 bytes for RS256, `r‖s` (64 bytes) for ES256.
        func sign(_ input: [UInt8]) throws -> [UInt8] {
            switch storage {
            case .rsa(let key):
                return Array(try key.signature(for: input, padding: .insecurePKCS1v1_5).rawRepresentation)
            case .p256(let raw):
                let key = try P256.Signing.PrivateKey(rawRepresentation: raw)
                return Array(try key.signature(for: input).rawRepresentation)
            }
        }
    }
}

extension JSONWebToken.SigningKey: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    // The synthesized forms would print the key's bytes; these name the algorithm only, in
    // `print`, string interpolation, `dump` and the debugger alike.
    public var description: String { "SigningKey(\(algorithm.rawValue))" }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: ["algorithm": algorithm]) }
}
