import Crypto
import Foundation

/// Verifies SendGrid's signed Event Webhook: an ECDSA P-256 signature (SHA-256, DER, base64 in
/// `X-Twilio-Email-Event-Webhook-Signature`) over the `X-Twilio-Email-Event-Webhook-Timestamp`
/// header's text followed by the raw body.
///
/// ```swift
/// // The verification key from SendGrid's Mail Settings → Event Webhook → Signature verification
/// let sendgrid = try SendGridEventSignature(base64Key: "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE…")
/// guard sendgrid.isValid(signature: signatureHeader, timestamp: timestampHeader, body: rawBody) else { return 401 }
/// ```
///
/// The key is the base64 DER `SubjectPublicKeyInfo` SendGrid shows (no PEM framing). The raw
/// bytes are what count: a body parsed and serialised again no longer matches. No age limit is
/// put on the timestamp, since SendGrid retries a failed post for hours and documents none; a
/// replayed batch changes nothing, because every effect it has is idempotent.
public struct SendGridEventSignature: Sendable {
    public static let signatureHeader = "X-Twilio-Email-Event-Webhook-Signature"
    public static let timestampHeader = "X-Twilio-Email-Event-Webhook-Timestamp"

    /// The key's raw form: `P256.Signing.PublicKey` is not `Sendable`, so it is rebuilt per check.
    private let rawKey: Data

    public init(publicKey: P256.Signing.PublicKey) {
        rawKey = publicKey.rawRepresentation
    }

    /// Throws ``InvalidKey`` when `base64Key` is not a base64 DER P-256 public key.
    public init(base64Key: String) throws(InvalidKey) {
        let text = base64Key.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let der = Data(base64Encoded: text), let key = try? P256.Signing.PublicKey(derRepresentation: der) else {
            throw InvalidKey()
        }
        rawKey = key.rawRepresentation
    }

    public func isValid(signature: String?, timestamp: String?, body: [UInt8]) -> Bool {
        guard let signature, let timestamp, !timestamp.isEmpty,
            let der = Data(base64Encoded: signature.trimmingCharacters(in: .whitespaces)),
            let ecdsa = try? P256.Signing.ECDSASignature(derRepresentation: der),
            let key = try? P256.Signing.PublicKey(rawRepresentation: rawKey)
        else { return false }
        return key.isValidSignature(ecdsa, for: Array(timestamp.utf8) + body)
    }

    /// The key is not a base64 DER (SPKI) P-256 public key.
    public struct InvalidKey: Error, Sendable {}
}
