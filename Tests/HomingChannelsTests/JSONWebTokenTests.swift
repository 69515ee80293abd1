import Crypto
import Foundation
import HomingChannels
import Testing
import _CryptoExtras

/// The JWT encoder against swift-crypto's verifiers: what Google (RS256) and Apple (ES256) check.
@Suite struct JSONWebTokenTests {
    static let rsaKey = try! _RSA.Signing.PrivateKey(keySize: .bits2048)
    // PEM rather than the key: swift-crypto's P-256 key is not `Sendable`, so it cannot be a static.
    static let p256PEM = P256.Signing.PrivateKey().pemRepresentation
    static var p256Key: P256.Signing.PrivateKey { try! P256.Signing.PrivateKey(pemRepresentation: p256PEM) }

    @Test func rs256SignatureVerifiesWithThePublicKey() throws {
        let key = try JSONWebToken.SigningKey.rs256(pem: Self.rsaKey.pkcs8PEMRepresentation)
        let compact = try JSONWebToken(claims: [
            "iss": "homing@shop-test.iam.gserviceaccount.com", "iat": 1_700_000_000,
        ])
        .signed(with: key)

        let token = try DecodedJSONWebToken(compact)
        let signature = _RSA.Signing.RSASignature(rawRepresentation: token.signature)
        #expect(token.signature.count == 256)
        #expect(
            Self.rsaKey.publicKey.isValidSignature(signature, for: token.signingInput, padding: .insecurePKCS1v1_5)
        )
        // PKCS#1 v1.5, not PSS: Google rejects PSS under RS256.
        #expect(!Self.rsaKey.publicKey.isValidSignature(signature, for: token.signingInput, padding: .PSS))
        var tampered = token.signingInput
        tampered[tampered.count - 1] ^= 1
        #expect(!Self.rsaKey.publicKey.isValidSignature(signature, for: tampered, padding: .insecurePKCS1v1_5))
    }

    @Test func pkcs1PEMIsAcceptedToo() throws {
        let key = try JSONWebToken.SigningKey.rs256(pem: Self.rsaKey.pemRepresentation)
        let token = try DecodedJSONWebToken(try JSONWebToken(claims: ["iss": "a"]).signed(with: key))
        #expect(
            Self.rsaKey.publicKey.isValidSignature(
                _RSA.Signing.RSASignature(rawRepresentation: token.signature),
                for: token.signingInput,
                padding: .insecurePKCS1v1_5
            )
        )
    }

    @Test func es256SignatureIsRawSixtyFourBytesAndVerifies() throws {
        let key = try JSONWebToken.SigningKey.es256(pem: Self.p256PEM)
        let compact = try JSONWebToken(keyID: "ABC123DEFG", claims: ["iss": "DEF123GHIJ", "iat": 1_700_000_000])
            .signed(with: key)

        let token = try DecodedJSONWebToken(compact)
        // JWS wants r‖s; a DER signature would be 70-72 bytes and fail Apple's check.
        #expect(token.signature.count == 64)
        let signature = try P256.Signing.ECDSASignature(rawRepresentation: token.signature)
        #expect(Self.p256Key.publicKey.isValidSignature(signature, for: token.signingInput))
        #expect(!P256.Signing.PrivateKey().publicKey.isValidSignature(signature, for: token.signingInput))
    }

    @Test func headerAndClaimsDecodeBack() throws {
        let key = try JSONWebToken.SigningKey.es256(pem: Self.p256PEM)
        let claims: [String: JSONWebToken.Claim] = [
            "iss": "DEF123GHIJ", "iat": 1_700_000_000, "scope": "https://www.googleapis.com/auth/firebase.messaging",
            "name": "Zoë 你好 ~~~???>>>",
        ]

        let withKeyID = try DecodedJSONWebToken(try JSONWebToken(keyID: "ABC123DEFG", claims: claims).signed(with: key))
        let withoutKeyID = try DecodedJSONWebToken(try JSONWebToken(claims: claims).signed(with: key))

        #expect(withKeyID.header.count == 3)
        #expect(withKeyID.header["alg"] as? String == "ES256")
        #expect(withKeyID.header["typ"] as? String == "JWT")
        #expect(withKeyID.header["kid"] as? String == "ABC123DEFG")
        #expect(withoutKeyID.header["kid"] == nil)
        #expect(withKeyID.claims.count == 4)
        #expect(withKeyID.claims["iss"] as? String == "DEF123GHIJ")
        #expect(withKeyID.claims["iat"] as? Int == 1_700_000_000)
        #expect(withKeyID.claims["scope"] as? String == "https://www.googleapis.com/auth/firebase.messaging")
        #expect(withKeyID.claims["name"] as? String == "Zoë 你好 ~~~???>>>")
    }

    @Test func rs256IsNamedInTheHeader() throws {
        let key = try JSONWebToken.SigningKey.rs256(pem: Self.rsaKey.pkcs8PEMRepresentation)
        let token = try DecodedJSONWebToken(try JSONWebToken(claims: ["iss": "a"]).signed(with: key))
        #expect(token.header["alg"] as? String == "RS256")
        #expect(key.algorithm == .rs256)
    }

    @Test func keyBytesNeverShowInDescriptionsOrDumps() throws {
        let p256 = try P256.Signing.PrivateKey(pemRepresentation: Self.p256PEM)
        let key = try JSONWebToken.SigningKey.es256(pem: Self.p256PEM)
        var dumped = ""
        dump(key, to: &dumped)

        #expect(String(describing: key) == "SigningKey(ES256)")
        #expect(String(reflecting: key) == "SigningKey(ES256)")
        // The first scalar byte, as the synthesized dump of `[UInt8]` would print it.
        #expect(!dumped.contains("raw"))
        #expect(!dumped.contains("- \(p256.rawRepresentation[0])\n"))
        #expect(dumped.contains("es256"))
    }

    @Test func keysOfTheWrongKindOrNotPEMAreRefused() throws {
        #expect(throws: JSONWebToken.SigningKey.InvalidKey.self) {
            try JSONWebToken.SigningKey.es256(pem: Self.rsaKey.pkcs8PEMRepresentation)
        }
        #expect(throws: JSONWebToken.SigningKey.InvalidKey.self) {
            try JSONWebToken.SigningKey.rs256(pem: Self.p256PEM)
        }
        #expect(throws: JSONWebToken.SigningKey.InvalidKey.self) {
            try JSONWebToken.SigningKey.rs256(
                pem: "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n"
            )
        }
        #expect(throws: JSONWebToken.SigningKey.InvalidKey.self) { try JSONWebToken.SigningKey.es256(pem: "") }
    }
}
