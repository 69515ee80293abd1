import Foundation
import HomingChannels
import HomingCore
import HomingStore
import Testing

/// `POST /webhooks/shopify/orders`: a signed, paid order becomes a customer, an order and one
/// post-purchase enrolment with its first message, durably, once.
@Suite struct ShopifyOrderWebhookTests {
    /// A trimmed Shopify order payload in Shopify's own layout, with non-ASCII text.
    static func order(
        id: Int64 = 820_982_911_946_154_508,
        customer: Int64 = 115_310_627_314_723_954,
        financialStatus: String = "paid",
        email: String = "zoe@example.com"
    ) -> String {
        """
        {"id":\(id),"email":"\(email)","created_at":"2026-11-20T10:15:00-05:00",
         "processed_at":"2026-11-20T10:15:02-05:00","total_price":"1234.50","currency":"EUR",
         "financial_status":"\(financialStatus)","customer_locale":"fr","cancelled_at":null,
         "line_items":[{"name":"Théière en fonte – 1,2 L","title":"Théière","quantity":2,"price":"600.00"},
                       {"title":"Thé vert 绿茶","quantity":1,"price":"34.50"}],
         "discount_codes":[{"code":"MERCI10","amount":"10.00","type":"percentage"}],
         "customer":{"id":\(customer),"email":"\(email)","phone":"+33612345678","first_name":"Zoé",
           "last_name":"Lefèvre","created_at":"2026-01-02T09:00:00+01:00",
           "email_marketing_consent":{"state":"subscribed","opt_in_level":"single_opt_in"},
           "sms_marketing_consent":{"state":"not_subscribed"},
           "default_address":{"country_code":"FR"}}}
        """
    }

    @Test func aSignedPaidOrderIsStoredAndPlansTheThankYouBeforeThe200() async throws {
        let server = try await ServerFixture.start()
        defer { server.stop() }
        let answer = try await server.postShopify(Self.order())
        #expect(answer.status == 200, "\(answer.bodyText)")
        #expect(answer.bodyText == #"{"ok":true,"enrolled":1,"planned":1}"#)

        // Answered only after the commit: another connection sees everything at once.
        let store = try SQLiteStore(path: server.store.path)
        let customer = try #require(try store.customer(id: "115310627314723954"))
        #expect(customer.firstName == "Zoé")
        #expect(customer.locale?.description == "fr")
        #expect(customer.country == "FR")
        #expect(customer.consent.email == true)
        #expect(customer.consent.sms == false)
        let order = try #require(try store.order(id: "820982911946154508"))
        #expect(order.amountMinor == 123_450)
        #expect(order.status == .completed)
        #expect(order.promoCode == "MERCI10")
        #expect(order.orderedAt == (try Instant(iso8601: "2026-11-20T15:15:02Z")))
        #expect(
            order.items
                == #"[{"name":"Théière en fonte – 1,2 L","price":"600.00","quantity":2},"#
                + #"{"name":"Thé vert 绿茶","price":"34.50","quantity":1}]"#
        )
        let planned = try store.outboxEntries(journey: "post-purchase")
        #expect(planned.map(\.message) == ["post-purchase-thanks"])
        #expect(planned.first?.customerID == "115310627314723954")
        #expect(try store.latestCompletedOrder(customerID: "115310627314723954")?.id == "820982911946154508")
    }

    @Test func theSameOrderPostedTenTimesAtOnceGivesOneOrderOneEnrolmentOneMessage() async throws {
        let server = try await ServerFixture.start()
        defer { server.stop() }
        let body = Self.order()
        let answers = try await withThrowingTaskGroup(of: HTTPResponse.self) { group in
            for _ in 0..<10 { group.addTask { try await server.postShopify(body, eventID: "evt-same") } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(answers.allSatisfy { $0.status == 200 }, "\(answers.map(\.bodyText))")
        #expect(answers.filter { $0.bodyText == #"{"duplicate":true}"# }.count == 9)
        #expect(try server.store.enrolmentStates(journey: "post-purchase").count == 1)
        #expect(try server.store.outboxEntries(journey: "post-purchase").count == 1)
    }

    @Test func theSameOrderUnderOtherEventIdsPlansOneMessage() async throws {
        let server = try await ServerFixture.start()
        defer { server.stop() }
        // orders/create and orders/paid, or two subscriptions: other event ids, the same order.
        let bodies = [Self.order(), Self.order(), Self.order()]
        for (index, body) in bodies.enumerated() {
            let answer = try await server.postShopify(body, topic: index == 0 ? "orders/create" : "orders/paid")
            #expect(answer.status == 200, "\(answer.bodyText)")
        }
        #expect(try server.store.enrolmentStates(journey: "post-purchase").count == 1)
        #expect(try server.store.outboxEntries(journey: "post-purchase").count == 1)
    }

    @Test func anUnpaidOrderKeepsTheCustomerButWaitsForPaymentToCount() async throws {
        let server = try await ServerFixture.start()
        defer { server.stop() }
        let pending = try await server.postShopify(Self.order(financialStatus: "pending"), topic: "orders/create")
        #expect(pending.bodyText == #"{"ok":true,"enrolled":0,"planned":0}"#)
        #expect(try server.store.customer(id: "115310627314723954") != nil)
        #expect(try server.store.order(id: "820982911946154508") == nil)
        let paid = try await server.postShopify(Self.order(financialStatus: "paid"))
        #expect(paid.bodyText == #"{"ok":true,"enrolled":1,"planned":1}"#)
        #expect(try server.store.order(id: "820982911946154508")?.status == .completed)
    }

    @Test func aGuestCheckoutWithoutCustomerIsAcceptedAndPlansNothing() async throws {
        let server = try await ServerFixture.start()
        defer { server.stop() }
        let guest =
            #"{"id":5,"created_at":"2026-11-20T10:15:00Z","total_price":"9.00","currency":"EUR","#
            + #""financial_status":"paid","customer":null}"#
        let answer = try await server.postShopify(guest)
        #expect(answer.status == 200, "\(answer.bodyText)")
        #expect(try server.store.order(id: "5") == nil)
    }

    @Test func badSignaturesAreRefusedWith401AndWriteNothing() async throws {
        let server = try await ServerFixture.start()
        defer { server.stop() }
        let body = Self.order()
        let missing = try await server.postShopify(body, hmac: "")
        #expect(missing.status == 401)
        let tampered = try await server.postShopify(
            body.replacingOccurrences(of: "1234.50", with: "1.00"),
            hmac: ServerFixture.shopifyHMAC(body)
        )
        #expect(tampered.status == 401)
        #expect(tampered.bodyText.contains("X-Shopify-Hmac-Sha256"))
        // The same JSON with other spacing is other bytes: the signature no longer matches.
        let respaced = body.replacingOccurrences(of: "\":", with: "\": ")
        let reserialised = try await server.postShopify(respaced, hmac: ServerFixture.shopifyHMAC(body))
        #expect(reserialised.status == 401)
        #expect(try server.store.order(id: "820982911946154508") == nil)
    }

    @Test func badInputGetsTheClientErrorThatNamesIt() async throws {
        let server = try await ServerFixture.start(bodyLimit: 4096)
        defer { server.stop() }
        let malformed = try await server.postShopify(#"{"id": 1, "#)
        #expect(malformed.status == 400)
        #expect(malformed.bodyText.contains("not valid JSON"), "\(malformed.bodyText)")

        let noPrice = Self.order().replacingOccurrences(of: #""total_price":"1234.50","#, with: "")
        let missing = try await server.postShopify(noPrice)
        #expect(missing.status == 400)
        #expect(try field(of: missing) == "total_price", "\(missing.bodyText)")

        let badEmail = try await server.postShopify(Self.order(email: "zoe@"))
        #expect(badEmail.status == 400)
        #expect(try field(of: badEmail) == "customer.email", "\(badEmail.bodyText)")

        let wrongType = try await server.postShopify(Self.order(), contentType: "text/plain")
        #expect(wrongType.status == 415)
        #expect(try field(of: wrongType) == "Content-Type")

        let huge = Self.order().replacingOccurrences(of: "MERCI10", with: String(repeating: "A", count: 5000))
        #expect(try await server.postShopify(huge).status == 413)

        let noID = try await server.postShopify(Self.order(), eventID: nil)
        #expect(noID.status == 400)
        #expect(try field(of: noID) == "X-Shopify-Event-Id")

        let otherTopic = try await server.postShopify(Self.order(), topic: "customers/create")
        #expect(otherTopic.status == 400)
        #expect(otherTopic.bodyText.contains("customers/create"))

        // None of those wrote anything, and the server still answers.
        #expect(try server.store.customer(id: "115310627314723954") == nil)
        #expect(try await server.postShopify(Self.order()).status == 200)
    }

    private func field(of response: HTTPResponse) throws -> String? {
        let object = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: String]
        return object?["field"]
    }
}
