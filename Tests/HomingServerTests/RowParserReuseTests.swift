import HomingCore
import HomingStore
import Testing

/// The routes keep a row parser per column set and reuse it: requests with other columns, other
/// locales or other values after the parsers are warm are still mapped field by field, and an
/// update still writes only the columns it sent.
@Suite struct RowParserReuseTests {
    static func order(id: Int, customer: String, extra: String = "") -> String {
        #"{"id":\#(id),"created_at":"2026-11-20T10:15:00Z","total_price":"\#(id).50","currency":"EUR","#
            + #""financial_status":"paid",\#(extra)"line_items":[{"title":"Thé","quantity":1,"price":"1.00"}],"#
            + #""customer":\#(customer)}"#
    }

    @Test func ordersWithOtherColumnsAndLocalesAreMappedAfterTheParsersAreWarm() async throws {
        let server = try await ServerFixture.start()
        defer { server.stop() }
        // Each customer has another column set; each is sent twice, so the second meets a kept parser.
        let customers = [
            #"{"id":1,"email":"a@example.com","locale":"fr","phone":"+33612345678"}"#,
            #"{"id":2,"email":"b@example.com","first_name":"Bo"}"#,
            #"{"id":3,"locale":"zh-hant-tw","default_address":{"country_code":"TW"}}"#,
            #"{"id":4,"email":"d@example.com","locale":"PT-br","phone":"+351912345678"}"#,
        ]
        for round in 0..<2 {
            for (index, customer) in customers.enumerated() {
                let id = 100 * (round + 1) + index
                let answer = try await server.postShopify(Self.order(id: id, customer: customer))
                #expect(answer.status == 200, "\(answer.bodyText)")
            }
        }
        let store = server.store
        #expect(try store.customer(id: "1")?.locale?.description == "fr")
        #expect(try store.customer(id: "1")?.phone == "+33612345678")
        #expect(try store.customer(id: "2")?.locale == nil)
        #expect(try store.customer(id: "2")?.firstName == "Bo")
        #expect(try store.customer(id: "3")?.locale?.description == "zh-Hant-TW")
        #expect(try store.customer(id: "3")?.country == "TW")
        #expect(try store.customer(id: "3")?.email == nil)
        #expect(try store.customer(id: "4")?.locale?.description == "pt-BR")
        #expect(try store.customer(id: "4")?.phone == "+351912345678")
        #expect(try store.order(id: "202")?.amountMinor == 20_250)
        #expect(try store.order(id: "202")?.customerID == "3")

        // The same columns as customer 1, with a locale the sender spelled wrong: still named.
        let wrong = #"{"id":5,"email":"e@example.com","locale":"en_US","phone":"+33612345679"}"#
        let refused = try await server.postShopify(Self.order(id: 500, customer: wrong))
        #expect(refused.status == 400)
        #expect(refused.bodyText.contains("customer.locale"), "\(refused.bodyText)")
        #expect(refused.bodyText.contains(#"use \"-\" between subtags"#), "\(refused.bodyText)")
        #expect(try store.customer(id: "5") == nil)
    }

    @Test func anUpdateAfterACreateWritesOnlyItsOwnColumns() async throws {
        let server = try await ServerFixture.start()
        defer { server.stop() }
        let created =
            #"{"type":"customer.created","data":{"customer_id":"c-1","email":"ana@example.com","locale":"en-gb"}}"#
        #expect(try await server.postEvent(created).status == 200)
        // The update's columns are another set: its parser must not write email or locale.
        let update = #"{"type":"customer.updated","data":{"customer_id":"c-1","first_name":"Ana"}}"#
        #expect(try await server.postEvent(update).status == 200)
        // And the created columns again, for another customer, from the kept parser.
        let other =
            #"{"type":"customer.created","data":{"customer_id":"c-2","email":"bo@example.com","locale":"fr-ca"}}"#
        #expect(try await server.postEvent(other).status == 200)

        let ana = try #require(try server.store.customer(id: "c-1"))
        #expect(ana.email == "ana@example.com")
        #expect(ana.locale?.description == "en-GB")
        #expect(ana.firstName == "Ana")
        let bo = try #require(try server.store.customer(id: "c-2"))
        #expect(bo.locale?.description == "fr-CA")
        #expect(bo.firstName == nil)
    }
}
