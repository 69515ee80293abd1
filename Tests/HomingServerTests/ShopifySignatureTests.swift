import Crypto
import Foundation
import HomingServer
import Testing

@Suite struct ShopifySignatureTests {
    static let body = Array(
        #"{"id":820982911946154508,"customer":{"first_name":"Zoë","last_name":"陳"},"total_price":"199.00"}"#.utf8
    )

    static func header(_ body: [UInt8], secret: String) -> String {
        Data(HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Array(secret.utf8))))
            .base64EncodedString()
    }

    @Test func theRawBodyWithNonASCIITextVerifies() {
        let shopify = ShopifySignature(secrets: ["shpss_current"])
        #expect(shopify.isValid(header: Self.header(Self.body, secret: "shpss_current"), body: Self.body))
    }

    @Test func spacesAroundTheHeaderAreIgnored() {
        let shopify = ShopifySignature(secrets: ["shpss_current"])
        let header = Self.header(Self.body, secret: "shpss_current")
        #expect(shopify.isValid(header: " \t\(header) ", body: Self.body))
        #expect(!shopify.isValid(header: " ", body: Self.body))
        #expect(!shopify.isValid(header: String(header.dropLast(2)), body: Self.body))
    }

    @Test func theSameJSONWithOtherSpacingDoesNot() {
        let shopify = ShopifySignature(secrets: ["shpss_current"])
        let spaced = Array(String(decoding: Self.body, as: UTF8.self).replacingOccurrences(of: ",", with: ", ").utf8)
        #expect(!shopify.isValid(header: Self.header(Self.body, secret: "shpss_current"), body: spaced))
    }

    @Test func duringARotationEitherSecretIsAccepted() {
        let shopify = ShopifySignature(secrets: ["shpss_new", "shpss_old"])
        #expect(shopify.isValid(header: Self.header(Self.body, secret: "shpss_old"), body: Self.body))
        #expect(shopify.isValid(header: Self.header(Self.body, secret: "shpss_new"), body: Self.body))
        #expect(
            !ShopifySignature(secrets: ["shpss_new"]).isValid(
                header: Self.header(Self.body, secret: "shpss_old"),
                body: Self.body
            )
        )
    }

    @Test(arguments: [nil, "", "not base64!", "AAAA"])
    func missingOrMalformedHeadersAreRefused(header: String?) {
        #expect(!ShopifySignature(secrets: ["shpss_current"]).isValid(header: header, body: Self.body))
    }
}
