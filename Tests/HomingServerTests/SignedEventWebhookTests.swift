import Foundation
import HomingChannels
import HomingCore
import HomingStore
import Testing

/// `POST /webhooks/events`: Standard Webhooks-signed events whose `data` is laid out as the
/// import CSV's columns.
@Suite struct SignedEventWebhookTests {
    static let created = """
        {"type":"customer.created","data":{"customer_id":"c-100","email":"mei@example.com","locale":"zh-TW",
         "timezone":"Asia/Taipei","first_name":"美","consent_email":true,"signup_at":"2026-11-20T08:00:00+08:00"}}
        """

    static func completed(order: String = "o-1", amount: String = "\"1234.50\"", customer: String = "c-100") -> String {
        """
        {"type":"order.completed","data":{"order_id":"\(order)","customer_id":"\(customer)",
         "ordered_at":"2026-11-21T10:00:00Z","amount":\(amount),"currency":"TWD",
         "items":"[{\\"name\\":\\"茶壺\\",\\"quantity\\":1,\\"price\\":\\"1234.50\\"}]"}}
        """
    }

    @Test func customerCreatedWelcomesAndOrderCompletedThanks() async throws {
        let server = try await ServerFixture.start()
        defer { server.stop() }
        let welcome = try await server.postEvent(Self.created)
        #expect(welcome.status == 200, "\(welcome.bodyText)")
        let customer = try #require(try server.store.customer(id: "c-100"))
        #expect(customer.locale?.description == "zh-TW")
        #expect(customer.consent.email && !customer.consent.sms)
        #expect(try server.store.outboxEntries(journey: "welcome").map(\.message) == ["welcome"])

        let order = try await server.postEvent(Self.completed())
        #expect(order.status == 200, "\(order.bodyText)")
        #expect(try server.store.order(id: "o-1")?.amountMinor == 123_450)
        #expect(try server.store.outboxEntries(journey: "post-purchase").map(\.message) == ["post-purchase-thanks"])
    }

    @Test func customerUpdatedChangesOnlyTheFieldsItSends() async throws {
        let server = try await ServerFixture.start()
        defer { server.stop() }
        #expect(try await server.postEvent(Self.created).status == 200)
        let update = #"{"type":"customer.updated","data":{"customer_id":"c-100","locale":"fr","consent_email":false}}"#
        let answer = try await server.postEvent(update)
        #expect(answer.bodyText == #"{"ok":true,"enrolled":0,"planned":0}"#)
        let customer = try #require(try server.store.customer(id: "c-100"))
        #expect(customer.locale?.description == "fr")
        #expect(customer.consent.email == false)
        #expect(customer.email == "mei@example.com", "a field not sent keeps its value")
        #expect(customer.timeZone == "Asia/Taipei")
    }

    @Test func aRefundNamingOnlyTheOrderTakesTheRestFromTheStore() async throws {
        let server = try await ServerFixture.start()
        defer { server.stop() }
        #expect(try await server.postEvent(Self.created).status == 200)
        #expect(try await server.postEvent(Self.completed(amount: "1234.5")).status == 200)
        let refund = try await server.postEvent(#"{"type":"order.refunded","data":{"order_id":"o-1"}}"#)
        #expect(refund.status == 200, "\(refund.bodyText)")
        let order = try #require(try server.store.order(id: "o-1"))
        #expect(order.status == .refunded)
        #expect(order.amountMinor == 123_450)
        #expect(try server.store.latestCompletedOrder(customerID: "c-100") == nil)
    }

    @Test func theSameWebhookIdIsAppliedOnce() async throws {
        let server = try await ServerFixture.start()
        defer { server.stop() }
        let first = try await server.postEvent(Self.created, id: "msg_once")
        let again = try await server.postEvent(Self.created, id: "msg_once")
        #expect(first.status == 200)
        #expect(again.status == 200)
        #expect(again.bodyText == #"{"duplicate":true}"#)
        #expect(try server.store.outboxEntries(journey: "welcome").count == 1)
    }

    @Test func signaturesAreCheckedBeforeAnythingIsRead() async throws {
        let server = try await ServerFixture.start()
        defer { server.stop() }
        let now = Int64(Date().timeIntervalSince1970)
        let stale = try await server.postEvent(Self.created, timestamp: now - 301)
        #expect(stale.status == 401)
        #expect(stale.bodyText.contains("webhook-timestamp"))
        let forged = try await server.postEvent(
            Self.created,
            signature: "v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="
        )
        #expect(forged.status == 401)
        // One valid v1 signature among several (a secret rotation) is enough.
        let signer = try WebhookSigner(secret: ServerFixture.eventsSecret)
        let id = "msg_rotation"
        let valid = signer.signature(id: id, timestamp: now, body: Array(Self.created.utf8))
        let several = try await server.postEvent(
            Self.created,
            id: id,
            timestamp: now,
            signature: "v1,bm90IGl0 \(valid)"
        )
        #expect(several.status == 200, "\(several.bodyText)")
        #expect(try server.store.outboxEntries(journey: "welcome").count == 1)
    }

    @Test func badEventsGet400NamingTheField() async throws {
        let server = try await ServerFixture.start()
        defer { server.stop() }
        let unknown = try await server.postEvent(#"{"type":"order.shipped","data":{}}"#)
        #expect(unknown.status == 400)
        #expect(unknown.bodyText.contains("order.shipped"))
        let noType = try await server.postEvent(#"{"data":{}}"#)
        #expect(try fields(noType) == ["type"])
        let badEmail = try await server.postEvent(
            #"{"type":"customer.created","data":{"customer_id":"x","email":"x@"}}"#
        )
        #expect(try fields(badEmail) == ["data.email"], "\(badEmail.bodyText)")
        let missing = try await server.postEvent(#"{"type":"order.completed","data":{"order_id":"o-2"}}"#)
        #expect(try fields(missing) == ["data.customer_id"], "\(missing.bodyText)")
        let unknownCustomer = try await server.postEvent(Self.completed(customer: "nobody"))
        #expect(unknownCustomer.status == 400)
        #expect(try fields(unknownCustomer) == ["data.customer_id"], "\(unknownCustomer.bodyText)")
        let badAmount = try await server.postEvent(Self.completed(amount: "\"12.345\""))
        #expect(try fields(badAmount) == ["data.amount"], "\(badAmount.bodyText)")
        let nested = try await server.postEvent(#"{"type":"customer.created","data":{"customer_id":["x"]}}"#)
        #expect(nested.status == 400)
        #expect(try server.store.customer(id: "x") == nil)
    }

    private func fields(_ response: HTTPResponse) throws -> [String] {
        #expect(response.status == 400)
        let object = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: String]
        return object?["field"].map { [$0] } ?? []
    }
}
