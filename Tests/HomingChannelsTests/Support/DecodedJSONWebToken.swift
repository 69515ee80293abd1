import Foundation

/// A compact JWT taken apart the way a verifier would, with its own base64url decoding rather
/// than the encoder's, so a mistake in one is not mirrored in the other.
///
/// ```swift
/// let token = try DecodedJSONWebToken(compact)
/// token.header["alg"] as? String   // "ES256"
/// publicKey.isValidSignature(try .init(rawRepresentation: token.signature), for: token.signingInput)
/// ```
struct DecodedJSONWebToken {
    struct Malformed: Error, CustomStringConvertible {
        var description: String
    }

    var header: [String: Any]
    var claims: [String: Any]
    /// `header.claims` as sent: the bytes the signature covers.
    var signingInput: Data
    var signature: Data

    init(_ compact: String) throws {
        let parts = compact.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3 else { throw Malformed(description: "\(parts.count) parts, not 3") }
        for part in parts
        where part.contains(where: { !($0.isASCII && ($0.isLetter || $0.isNumber || "-_".contains($0))) }) {
            throw Malformed(description: "a part is not unpadded base64url: \(part)")
        }
        header = try Self.object(parts[0])
        claims = try Self.object(parts[1])
        signingInput = Data("\(parts[0]).\(parts[1])".utf8)
        signature = try Self.decode(parts[2])
    }

    static func decode(_ part: Substring) throws -> Data {
        var base64 = part.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: base64) else { throw Malformed(description: "bad base64url: \(part)") }
        return data
    }

    private static func object(_ part: Substring) throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: decode(part)) as? [String: Any] else {
            throw Malformed(description: "not a JSON object: \(part)")
        }
        return object
    }
}
