import Foundation
import HomingCore
import Testing

@testable import HomingTemplates

/// Skeletons are rendered with ``RenderSlots`` markers and filled by index from ``FillValues``: both must
/// record the same values, shape and shop range for every kind of input.
@Suite struct FillValuesTests {
    static func contexts(_ tag: String) -> [MessageContext] {
        let sample = MessageContext.sample(for: Fixtures.tag(tag))
        var bare = sample
        bare.customer = .init()
        bare.order = nil
        bare.offer = nil
        var partial = sample
        partial.customer.lastName = ""
        partial.customer.email = nil
        partial.links.reviewURL = "https://review.example/r/1"
        partial.order?.items.append(.init(name: "Gift card", quantity: 3, price: 1_999))
        var noItems = sample
        noItems.order?.items = []
        return [sample, bare, partial, noItems]
    }

    @Test(arguments: ["en", "fr-CA", "zh-TW"])
    func fillValuesRecordWhatRenderSlotsRecord(tag: String) {
        let links = TaggedLinks(message: "win-back-offer", channel: .email)
        let formats = LocaleFormats(locale: Fixtures.tag(tag), formatter: .shared)
        for context in Self.contexts(tag) {
            for placeholders in [false, true] {
                var slots = RenderSlots(placeholders: placeholders)
                let tree = RenderValues.build(context, links: links, formats: formats, slots: &slots)
                var values = FillValues()
                let none = RenderValues.build(context, links: links, formats: formats, slots: &values)
                #expect(!tree.isEmpty)
                #expect(none.isEmpty)
                #expect(values.values == slots.values)
                #expect(values.shapeKey == slots.shapeKey)
                #expect(values.shared == slots.shared)
                #expect(Array(values.values[values.shared]).first == context.shop.name)
                #expect(values.shared.count == 5)
            }
        }
    }
}
