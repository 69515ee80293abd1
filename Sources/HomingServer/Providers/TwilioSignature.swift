import Crypto
import Foundation

/// Verifies `X-Twilio-Signature`: the base64 HMAC-SHA1, keyed by the account's auth token, of the
/// full public URL Twilio posted to followed by every POST parameter's name and value, sorted by name.
///
/// ```swift
/// let twilio = TwilioSignature(authToken: token)
/// let url = "https://homing.shop.example/webhooks/providers/twilio"
/// guard twilio.isValid(header: request.headers["X-Twilio-Signature"], url: url, parameters: form) else { return 401 }
/// ```
///
/// `url` must be exactly what is configured at Twilio, scheme, host, port, path and query alike;
/// behind a proxy the server cannot see it, so it comes from `shop.public_url`. Values are the
/// decoded form values. Repeated names are ordered by value too, as Twilio's libraries do.
/// Comparison takes the same time wherever the first difference is.
public struct TwilioSignature: Sendable {
    public static let header = "X-Twilio-Signature"

    /// The token's bytes: `SymmetricKey` is not `Sendable`, so one is made per signature.
    private let token: [UInt8]

    public init(authToken: String) {
        token = Array(authToken.utf8)
    }

    /// The signature Twilio sends for this URL and these parameters.
    public func signature(url: String, parameters: [(name: String, value: String)]) -> String {
        var text = Array(url.utf8)
        let sorted = parameters.sorted {
            $0.name.utf8.lexicographicallyPrecedes($1.name.utf8)
                || ($0.name == $1.name && $0.value.utf8.lexicographicallyPrecedes($1.value.utf8))
        }
        for parameter in sorted {
            text += parameter.name.utf8
            text += parameter.value.utf8
        }
        return Data(HMAC<Insecure.SHA1>.authenticationCode(for: text, using: SymmetricKey(data: token)))
            .base64EncodedString()
    }

    public func isValid(header: String?, url: String, parameters: [(name: String, value: String)]) -> Bool {
        guard let header else { return false }
        let expected = Array(signature(url: url, parameters: parameters).utf8)
        let received = Array(header.trimmingCharacters(in: .whitespaces).utf8)
        guard expected.count == received.count else { return false }
        return zip(expected, received).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
