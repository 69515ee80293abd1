import Foundation
import HomingCore
import HomingTemplates
import Testing

@Suite struct MessageContextPreviewTests {
    private let english = try! LocaleTag(parsing: "en")

    @Test func usesTheCustomerAndTheirOrder() throws {
        let zoe = Customer(
            id: "c1",
            email: "zoe@example.fr",
            firstName: "Zoë",
            lastName: "Lefèvre",
            locale: try LocaleTag(parsing: "fr-CA"),
            timeZone: "America/Toronto"
        )
        let order = Order(
            id: "o9",
            customerID: "c1",
            orderedAt: try Instant(iso8601: "2026-03-05T03:00:00Z"),
            amountMinor: 3750,
            currency: Currency("CAD")!,
            status: .completed,
            items: #"[{"name":"Tasse \"Matin\"","quantity":3,"price":"12.50"},{"broken":true}]"#
        )
        let context = MessageContext.preview(
            customer: zoe,
            order: order,
            defaultLocale: english,
            defaultTimeZone: "UTC"
        )
        #expect(context.customer.firstName == "Zoë")
        #expect(context.customer.email == "zoe@example.fr")
        #expect(context.locale.description == "fr-CA")
        #expect(context.timeZone.identifier == "America/Toronto")
        #expect(context.order?.number == "o9")
        #expect(context.order?.total == 3750)
        #expect(context.order?.currency.code == "CAD")
        // The malformed second item is left out; the first keeps its quotes.
        #expect(context.order?.items.map(\.name) == ["Tasse \"Matin\""])
        #expect(context.order?.items.first?.price == 1250)
    }

    @Test func fallsBackToTheDefaultsWithoutLocaleOrTimeZone() {
        let anonymous = Customer(id: "c2")
        let context = MessageContext.preview(
            customer: anonymous,
            order: nil,
            defaultLocale: english,
            defaultTimeZone: "Europe/Paris"
        )
        #expect(context.locale == english)
        #expect(context.timeZone.identifier == "Europe/Paris")
        #expect(context.customer.firstName == nil)
    }
}
