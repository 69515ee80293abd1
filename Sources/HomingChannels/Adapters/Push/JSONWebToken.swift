import Foundation

/// A compact JSON Web Token (RFC 7519), signed with RS256 or ES256 (RFC 7518 §3.3, §3.4).
///
/// ```swift
/// let key = try JSONWebToken.SigningKey.es256(pem: p8Text)
/// let token = JSONWebToken(keyID: "KEY1234567", claims: ["iss": "TEAM123456", "iat": 1_700_000_000])
/// let compact = try token.signed(with: key)   // "eyJhbGciOiJFUzI1NiIsImtpZCI6…"
/// ```
///
/// The result is `base64url(header).base64url(claims).base64url(signature)` without padding. The
/// header is `{"alg", "kid" (when set), "typ":"JWT"}`; header and claims are JSON with sorted keys.
/// ES256 signatures are the raw 64 bytes `r‖s` JWS asks for, not the DER that most ECDSA APIs
/// produce; RS256 is RSASSA-PKCS1-v1_5 with SHA-256. This is an encoder only: it does not verify.
public struct JSONWebToken: Sendable, Hashable {
    /// A claim's value: JWT claims used here are strings or whole numbers (NumericDate seconds).
    public enum Claim: Sendable, Hashable, Encodable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
        case string(String)
        case integer(Int64)

        public init(stringLiteral value: String) { self = .string(value) }
        public init(integerLiteral value: Int64) { self = .integer(value) }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .string(let value): try container.encode(value)
            case .integer(let value): try container.encode(value)
            }
        }
    }

    /// Signing failed inside the crypto library; the key was accepted when it was loaded, so this
    /// is not expected in practice.
    public struct SigningFailed: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// The `kid` header: which of the issuer's keys signed the token (APNs requires it).
    public var keyID: String?
    public var claims: [String: Claim]

    public init(keyID: String? = nil, claims: [String: Claim]) {
        self.keyID = keyID
        self.claims = claims
    }

    /// The compact serialization, signed with `key` using the key's algorithm.
    public func signed(with key: SigningKey) throws(SigningFailed) -> String {
        var header = ["alg": key.algorithm.rawValue, "typ": "JWT"]
        if let keyID { header["kid"] = keyID }
        let signingInput = Self.base64URL(Self.json(header)) + "." + Self.base64URL(Self.json(claims))
        let signature: [UInt8]
        do {
            signature = try key.sign(Array(signingInput.utf8))
        } catch {
            throw SigningFailed(description: "cannot sign a \(key.algorithm.rawValue) token: \(error)")
        }
        return signingInput + "." + Self.base64URL(signature)
    }

    /// Base64url without padding (RFC 7515 §2).
    static func base64URL(_ bytes: some Sequence<UInt8>) -> String {
        var text = Data(bytes).base64EncodedString()
        text = text.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
        while text.hasSuffix("=") { text.removeLast() }
        return text
    }

    private static func json(_ value: some Encodable) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Dictionaries of strings and integers always encode.
        return Array((try? encoder.encode(value)) ?? Data("{}".utf8))
    }
}
