import Crypto
import Foundation
import HomingChannels
import HomingCore
import HomingStore
import Testing

/// The Shopify payload is read byte by byte (`JSONReader`), not by `JSONDecoder`: what it reads by
/// hand — escapes, surrogate pairs, numbers or strings, unknown fields at any depth, duplicate
/// keys — and what it must refuse with a 400 naming the field, through the real server.
@Suite struct ShopifyPayloadReadingTests {
    /// A small paid order; `extra` is spliced in among the top-level fields, `customer` replaces
    /// the customer object.
    static func order(
        id: String = "4001",
        price: String = #""12.50""#,
        extra: String = "",
        customer: String = #"{"id":77,"email":"ana@example.com","first_name":"Ana"}"#,
        items: String = #"[{"title":"Thé","quantity":1,"price":"12.50"}]"#
    ) -> String {
        #"{"id":\#(id),"created_at":"2026-11-20T10:15:00Z","total_price":\#(price),"currency":"EUR","#
            + #""financial_status":"paid",\#(extra)"line_items":\#(items),"customer":\#(customer)}"#
    }

    @Test func escapesAndSurrogatePairsAreDecoded() async throws {
        let server = try await ServerFixture.start()
        defer { server.stop() }
        let customer =
            #"{"id":77,"email":"ana@example.com","first_name":"Zo\u00e9 \ud83c\udf75 \"Z\" \\ \/ x","#
            + #""last_name":"L\u00E8fe\u0076re"}"#
        let answer = try await server.postShopify(Self.order(customer: customer))
        #expect(answer.status == 200, "\(answer.bodyText)")
        let stored = try #require(try server.store.customer(id: "77"))
        #expect(stored.firstName == "Zoé 🍵 \"Z\" \\ / x")
        #expect(stored.lastName == "Lèfevre")
    }

    @Test func whitespaceMayStandBetweenAnyTwoTokens() async throws {
        let server = try await ServerFixture.start()
        defer { server.stop() }
        let spaced =
            " \n"
            + Self.order(price: "12.5")
            .replacingOccurrences(of: "\":", with: "\" :\n\t ")
            .replacingOccurrences(of: ",\"", with: " ,\r\n \"")
            .replacingOccurrences(of: "{", with: "{ ")
            .replacingOccurrences(of: "}", with: " } ") + "\n"
        let answer = try await server.postShopify(spaced)
        #expect(answer.status == 200, "\(answer.bodyText)")
        #expect(try server.store.order(id: "4001")?.amountMinor == 1250)
        #expect(try server.store.customer(id: "77")?.firstName == "Ana")
    }

    @Test func anEscapedKeyIsTheKeyItSpells() async throws {
        let server = try await ServerFixture.start()
        defer { server.stop() }
        let body = Self.order().replacingOccurrences(of: #""total_price""#, with: #""t\u006ftal_price""#)
        #expect(try await server.postShopify(body).status == 200)
        #expect(try server.store.order(id: "4001")?.amountMinor == 1250)
    }

    @Test func idsAndPricesComeAsNumbersOrStrings() async throws {
        let server = try await ServerFixture.start()
        defer { server.stop() }
        let customer = #"{"id":"78","email":"bo@example.com"}"#
        let items = #"[{"name":"Tea","quantity":3,"price":4.5}]"#
        let answer = try await server.postShopify(
            Self.order(id: #""4002""#, price: "13.5", customer: customer, items: items)
        )
        #expect(answer.status == 200, "\(answer.bodyText)")
        let order = try #require(try server.store.order(id: "4002"))
        #expect(order.amountMinor == 1350)
        #expect(order.items == #"[{"name":"Tea","price":"4.5","quantity":3}]"#)
        #expect(try server.store.customer(id: "78") != nil)
    }

    @Test func unknownFieldsAreSkippedAtAnyDepth() async throws {
        let server = try await ServerFixture.start()
        defer { server.stop() }
        let deep = String(repeating: "[", count: 100) + #"{"a":null}"# + String(repeating: "]", count: 100)
        let extra =
            #""note_attributes":[{"name":"gift","value":{"x":[1,-2.5e3,true,false,null,"\u00e9\n"]}}],"#
            + #""total_tax":0.0E+0,"tags":"","nested":\#(deep),"#
        let customer =
            #"{"id":77,"email":"ana@example.com","default_address":{"zip":"75001","country_code":"FR"},"#
            + #""tax_exemptions":[],"email_marketing_consent":{"state":"subscribed","consent_updated_at":null}}"#
        let answer = try await server.postShopify(Self.order(extra: extra, customer: customer))
        #expect(answer.status == 200, "\(answer.bodyText)")
        let stored = try #require(try server.store.customer(id: "77"))
        #expect(stored.country == "FR")
        #expect(stored.consent.email == true)
    }

    @Test func theMediaTypeIsMatchedWithoutCaseOrParameters() async throws {
        let server = try await ServerFixture.start()
        defer { server.stop() }
        let answer = try await server.postShopify(Self.order(), contentType: " Application/JSON ; charset=utf-8")
        #expect(answer.status == 200, "\(answer.bodyText)")
        let other = try await server.postShopify(Self.order(), contentType: "application/jsonx")
        #expect(other.status == 415)
    }

    @Test func aDuplicateKeyTakesItsLastValue() async throws {
        let server = try await ServerFixture.start()
        defer { server.stop() }
        let answer = try await server.postShopify(Self.order(extra: #""total_price":"99.00","#))
        #expect(answer.status == 200, "\(answer.bodyText)")
        #expect(try server.store.order(id: "4001")?.amountMinor == 9900)
    }

    @Test func missingNullAndMistypedFieldsAreNamed() async throws {
        let server = try await ServerFixture.start()
        defer { server.stop() }
        let cases: [(body: String, field: String, message: String)] = [
            (Self.order(customer: #"{"email":"ana@example.com"}"#), "customer.id", "missing field customer.id"),
            (
                Self.order(items: #"[{"title":"a","quantity":1,"price":"1"},{"price":"1"}]"#), "line_items.1.quantity",
                "missing"
            ),
            (Self.order(price: "null"), "total_price", "total_price is null"),
            (Self.order(extra: #""email":5,"#), "email", "email must be a string"),
            (Self.order(id: "1.5"), "id", "id must be an integer"),
            (Self.order(items: #"[{"quantity":"2","price":"1"}]"#), "line_items.0.quantity", "must be an integer"),
            (Self.order(customer: "[]"), "customer", "customer must be an object"),
            (Self.order(extra: #""discount_codes":[{"amount":"1"}],"#), "discount_codes.0.code", "missing"),
        ]
        for (body, field, message) in cases {
            let answer = try await server.postShopify(body)
            #expect(answer.status == 400, "\(body)")
            #expect(try Self.field(of: answer) == field, "\(answer.bodyText)")
            #expect(answer.bodyText.contains(message), "\(answer.bodyText)")
        }
    }

    @Test func malformedBodiesAre400AndNameWhereTheyBroke() async throws {
        let server = try await ServerFixture.start()
        defer { server.stop() }
        let bad = [
            Self.order(extra: "\"note\":\"a\u{01}b\","),  // a raw control character
            Self.order(customer: #"{"id":77,"first_name":"\udc00"}"#),  // a lone low surrogate
            Self.order(customer: #"{"id":77,"first_name":"\ud83c x"}"#),  // a high surrogate alone
            Self.order(extra: #""note":"\x","#),
            Self.order(extra: #""n":01,"#),
            Self.order(extra: #""n":1.,"#),
            Self.order(extra: #""n":[1,],"#),
            Self.order(extra: #""n":tru,"#),
            Self.order() + " {}",
            Self.order(extra: #""n":"# + String(repeating: "[", count: 600) + String(repeating: "]", count: 600) + ","),
        ]
        for body in bad {
            let answer = try await server.postShopify(body)
            #expect(answer.status == 400, "\(body.prefix(80))")
            #expect(answer.bodyText.contains("not valid JSON"), "\(answer.bodyText)")
        }
        // The é of the item's title loses its second byte.
        let notUTF8 = Array(Self.order().utf8).map { $0 == 0xA9 ? UInt8(ascii: "A") : $0 }
        let answer = try await server.postShopify(bytes: notUTF8)
        #expect(answer.status == 400)
        #expect(try Self.field(of: answer) == "line_items.0.title", "\(answer.bodyText)")
        #expect(try server.store.order(id: "4001") == nil)
    }

    @Test func everyTruncationIsA400NamingTheFieldNeverACrash() async throws {
        let server = try await ServerFixture.start()
        defer { server.stop() }
        let body = Array(Self.order(extra: #""note":{"a":[1,"\u00e9"]},"#).utf8)
        for length in stride(from: 0, to: body.count, by: 3) {
            let answer = try await server.postShopify(bytes: Array(body[..<length]))
            #expect(answer.status == 400, "cut at \(length): \(answer.bodyText)")
        }
        let cut = Array(body[..<(body.count - 4)])  // inside the customer's first name
        let answer = try await server.postShopify(bytes: cut)
        #expect(try Self.field(of: answer) == "customer.first_name", "\(answer.bodyText)")
        #expect(try server.store.customer(id: "77") == nil)
        #expect(try await server.postShopify(bytes: body).status == 200)
    }

    static func field(of response: HTTPResponse) throws -> String? {
        let object = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: String]
        return object?["field"]
    }
}

extension ServerFixture {
    /// POSTs raw bytes (not necessarily UTF-8) as a signed Shopify order webhook.
    fileprivate func postShopify(bytes body: [UInt8]) async throws -> HTTPResponse {
        let code = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Array(Self.shopifySecret.utf8)))
        let headers: HTTPHeaders = [
            "Content-Type": "application/json",
            "X-Shopify-Topic": "orders/paid",
            "X-Shopify-Hmac-Sha256": Data(code).base64EncodedString(),
            "X-Shopify-Event-Id": UUID().uuidString,
        ]
        return try await transport.send(
            HTTPRequest(method: .post, url: base + "/webhooks/shopify/orders", headers: headers, body: body)
        )
    }
}
