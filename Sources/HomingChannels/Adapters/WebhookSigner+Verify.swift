import Crypto
import Foundation
import HomingCore

extension WebhookSigner {
    /// Why a signed request was refused; the server answers 401 with this description.
    public enum Rejection: Error, Sendable, Equatable, CustomStringConvertible {
        case missingHeader(String)
        case badTimestamp(String)
        case staleTimestamp(seconds: Int64)
        case noMatchingSignature

        public var description: String {
            switch self {
            case .missingHeader(let name): "missing header \(name)"
            case .badTimestamp(let value): "webhook-timestamp \"\(value)\" is not Unix seconds"
            case .staleTimestamp(let seconds): "webhook-timestamp is \(seconds) s away from now; the limit is 300 s"
            case .noMatchingSignature: "no v1 signature in webhook-signature matches the body"
            }
        }
    }

    /// Checks a received request per Standard Webhooks: the timestamp within `tolerance` seconds of
    /// `now`, and at least one of the space-separated `v1,<base64>` signatures equal to the HMAC of
    /// `id.timestamp.body`, compared in constant time. Signatures of other versions are ignored.
    ///
    /// ```swift
    /// try signer.verify(id: headers["webhook-id"], timestamp: headers["webhook-timestamp"],
    ///                   signatures: headers["webhook-signature"], body: body, now: .now)
    /// ```
    public func verify(
        id: String?,
        timestamp: String?,
        signatures: String?,
        body: [UInt8],
        now: Instant,
        tolerance: Int64 = 300
    ) throws(Rejection) {
        guard let id, !id.isEmpty else { throw .missingHeader("webhook-id") }
        guard let timestamp else { throw .missingHeader("webhook-timestamp") }
        guard let signatures else { throw .missingHeader("webhook-signature") }
        guard let seconds = Int64(timestamp) else { throw .badTimestamp(timestamp) }
        let skew = now.millisecondsSince1970 / 1000 - seconds
        guard abs(skew) <= tolerance else { throw .staleTimestamp(seconds: skew) }
        let expected = Array(signature(id: id, timestamp: seconds, body: body).utf8)
        var matched = false
        for candidate in signatures.split(separator: " ") where candidate.hasPrefix("v1,") {
            let bytes = Array(candidate.utf8)
            // Length is not secret; the bytes are compared without an early exit.
            guard bytes.count == expected.count else { continue }
            if zip(bytes, expected).reduce(0, { $0 | ($1.0 ^ $1.1) }) == 0 { matched = true }
        }
        guard matched else { throw .noMatchingSignature }
    }
}
