import Foundation
import HomingCore

/// Renders a catalog message for one customer on one channel.
///
/// ```swift
/// let renderer = MessageRenderer(catalog: catalog)
/// let email = try renderer.render("win-back-offer", channel: .email, context: context)
/// email[.emailSubject]   // "20 % offerts pour votre retour, Camille" for a fr-CA customer
/// ```
///
/// Rendering is strict: parts resolve through the fallback chain, a part whose file has errors is refused,
/// and a message that mentions `order` or `offer` without being given one throws instead of printing blanks.
public struct MessageRenderer: Sendable {
    public let catalog: TemplateCatalog
    public let formatter: LocalizedFormatter
    /// Off only in tests that compare skeleton fills with direct swift-mustache renders.
    let useSkeletons: Bool
    private let plans = RenderPlanCache()

    public init(catalog: TemplateCatalog, formatter: LocalizedFormatter = .shared) {
        self.init(catalog: catalog, formatter: formatter, useSkeletons: true)
    }

    init(catalog: TemplateCatalog, formatter: LocalizedFormatter, useSkeletons: Bool) {
        self.catalog = catalog
        self.formatter = formatter
        self.useSkeletons = useSkeletons
    }

    public func render(
        _ message: String,
        channel: Channel,
        context: MessageContext
    ) throws(TemplateError)
        -> RenderedMessage
    {
        let plan = try plan(message, channel, for: context.locale)
        for inputs in plan.inputs {
            if inputs.order, context.order == nil { throw .missingInput(message: message, input: "order") }
            if inputs.offer, context.offer == nil { throw .missingInput(message: message, input: "offer") }
        }
        // Values once per formatting locale, usually one for the whole message; rendering without
        // skeletons builds its own values in `renderDirect`.
        let slots: [FillValues] =
            useSkeletons
            ? plan.formats.map { formats in
                var values = FillValues()
                RenderValues.build(context, links: plan.links, formats: formats, slots: &values)
                return values
            } : []
        let skeletons: [TemplateSkeleton?]? =
            useSkeletons
            ? plan.cachedSkeletons(shape: slots[0].shapeKey, shared: slots[0].values[slots[0].shared])
                ?? skeletons(plan, slots: slots, context)
            : nil
        var parts: [RenderedPart] = []
        parts.reserveCapacity(plan.entries.count)
        for (index, entry) in plan.entries.enumerated() {
            let (utf8, layout): ([UInt8], BodyLayout?)
            if let skeleton = skeletons?[index] {
                (utf8, layout) = Self.fill(
                    skeleton,
                    part: entry.part,
                    values: slots[plan.formatOfEntry[index]].values,
                    header: entry.part == .emailHTML ? Self.emailHeader(bytes: parts) : nil
                )
            } else {
                let header = entry.part == .emailHTML ? Self.emailHeader(parts) : nil
                let formats = plan.formats[plan.formatOfEntry[index]]
                let raw = renderDirect(
                    entry,
                    context: context,
                    formats: formats,
                    links: plan.links,
                    header: header,
                    placeholders: false
                )
                (utf8, layout) = (Self.finish(Array(raw.utf8), part: entry.part), nil)
            }
            parts.append(RenderedPart(part: entry.part, utf8: utf8, entry: entry, layout: layout))
        }
        return RenderedMessage(message: message, channel: channel, requestedLocale: context.locale, parts: parts)
    }

    /// The skeletons of a shape and shop the plan has not seen: rendered with placeholders once per shape
    /// (kept on each entry), then given the shop's values. Apart from `render` so that the closures
    /// capturing the renderer are only made on a miss: making them copied it every time.
    private func skeletons(
        _ plan: RenderPlan,
        slots: [FillValues],
        _ context: MessageContext
    ) -> [TemplateSkeleton?] {
        let (shape, shared) = (slots[0].shapeKey, slots[0].shared)
        return plan.skeletons(shape: shape, shared: slots[0].values[shared]) { index in
            let entry = plan.entries[index]
            let formats = plan.formats[plan.formatOfEntry[index]]
            let header = entry.part == .emailHTML ? (subject: "", preheader: "") : nil
            let skeleton = entry.skeletons.skeleton(shape: shape) {
                renderDirect(
                    entry,
                    context: context,
                    formats: formats,
                    links: plan.links,
                    header: header,
                    placeholders: true
                )
            }
            let values = slots[plan.formatOfEntry[index]].values
            return skeleton?.specialized(values, shared: shared, escapingHTML: entry.part.isHTML)
        }
    }

    /// The channel's parts resolved for the customer's tag, with what rendering them needs; cached.
    func plan(_ message: String, _ channel: Channel, for locale: LocaleTag) throws(TemplateError) -> RenderPlan {
        if let cached = plans.cached(message, channel, for: locale) { return cached }
        return try plans.plan(message, channel, for: locale) { () throws(TemplateError) in
            guard catalog.messages.contains(message) else { throw .unknownMessage(message) }
            guard catalog.has(message, channel.parts[0]) else { throw .noChannel(message: message, channel: channel) }
            let chain = locale.fallbackChain(defaultLocale: catalog.defaultLocale)
            var entries: [TemplateEntry] = []
            for part in channel.parts {
                entries.append(try catalog.resolve(message, part, chain: chain, for: locale))
            }
            return RenderPlan(
                message: message,
                channel: channel,
                entries: entries,
                customer: locale,
                formatter: formatter
            )
        }
    }

    /// The subject and preheader the HTML body shows as `email.subject` and `email.preheader`.
    private static func emailHeader(_ parts: [RenderedPart]) -> (subject: String, preheader: String) {
        var header = (subject: "", preheader: "")
        for index in parts.indices {
            if parts[index].part == .emailSubject { header.subject = parts[index].text }
            if parts[index].part == .emailPreheader { header.preheader = parts[index].text }
        }
        return header
    }

    /// ``emailHeader(_:)`` as the parts' bytes, for a skeleton fill: no `String` is built for either.
    private static func emailHeader(bytes parts: [RenderedPart]) -> (subject: [UInt8], preheader: [UInt8]) {
        var header: (subject: [UInt8], preheader: [UInt8]) = ([], [])
        for index in parts.indices {
            if parts[index].part == .emailSubject { header.subject = parts[index].utf8 }
            if parts[index].part == .emailPreheader { header.preheader = parts[index].utf8 }
        }
        return header
    }

    /// The skeleton filled and finished (``finish(_:part:)``), with the layout of an email body.
    private static func fill(
        _ skeleton: TemplateSkeleton,
        part: TemplatePart,
        values: [String],
        header: (subject: [UInt8], preheader: [UInt8])?
    ) -> ([UInt8], BodyLayout?) {
        let body = part == .emailText || part == .emailHTML
        var filled = skeleton.fill(values, header: header, escapingHTML: part.isHTML, recordsLayout: body)
        // Taken out of `filled`, so that trimming and the closing newline change the only reference
        // instead of copying the body.
        var bytes: [UInt8] = []
        swap(&bytes, &filled.bytes)
        guard body, let bounds = byteBounds(bytes, part: part) else {
            return (finish(consume bytes, part: part), nil)
        }
        let layout = BodyLayout(
            skeleton: skeleton,
            literalStarts: filled.literalStarts,
            front: bounds.lowerBound + filled.skipped,
            keptEnd: bounds.count,
            valueBytes: filled.valueBytes,
            valueNonASCII: filled.valueNonASCII
        )
        return (trimmed(consume bytes, to: bounds, part: part), layout)
    }

    /// One swift-mustache render of `entry`, with real values or with slot markers. The header's leaves
    /// come after all others, as ``TemplateSkeleton/fill(_:header:escapingHTML:recordsLayout:)`` expects.
    func renderDirect(
        _ entry: TemplateEntry,
        context: MessageContext,
        formats: LocaleFormats,
        links: TaggedLinks,
        header: (subject: String, preheader: String)?,
        placeholders: Bool
    ) -> String {
        var slots = RenderSlots(placeholders: placeholders)
        var tree = RenderValues.build(context, links: links, formats: formats, slots: &slots)
        if let header {
            tree["email"] = ["subject": slots.leaf(header.subject), "preheader": slots.leaf(header.preheader)]
        }
        return entry.template.render(tree, library: catalog.library(for: entry.locale))
    }

    /// ``finish(_:part:)`` on bytes. An email body, or a single-line part written on one line, loses its
    /// ASCII white space at both ends in place, and a body gains its newline in the spare byte the
    /// skeleton fill leaves; only when a non-ASCII character is left at an end, which might be Unicode
    /// white space, or a part needs more than trimming, does it go through `String`.
    static func finish(_ raw: consuming [UInt8], part: TemplatePart) -> [UInt8] {
        guard let bounds = byteBounds(raw, part: part) else {
            return Array(finish(String(decoding: raw, as: UTF8.self), part: part).utf8)
        }
        return trimmed(raw, to: bounds, part: part)
    }

    /// `raw` cut to `bounds` (from ``byteBounds(_:part:)``), with a body's closing newline.
    private static func trimmed(_ raw: consuming [UInt8], to bounds: Range<Int>, part: TemplatePart) -> [UInt8] {
        // Skeleton fills leave out the template's own white space at both ends: usually nothing is cut.
        if bounds.upperBound < raw.count { raw.removeLast(raw.count - bounds.upperBound) }
        if bounds.lowerBound > 0 { raw.removeFirst(bounds.lowerBound) }
        if part == .emailText || part == .emailHTML { raw.append(0x0A) }
        return raw
    }

    /// What ``finish(_:part:)`` keeps of `raw` when trimming bytes is enough; nil when it needs `String`.
    static func byteBounds(_ raw: [UInt8], part: TemplatePart) -> Range<Int>? {
        let body = part == .emailText || part == .emailHTML
        guard body || part.isSingleLine else { return nil }
        var end = raw.count
        while end > 0, raw[end - 1].isASCIIWhiteSpace { end -= 1 }
        var start = 0
        while start < end, raw[start].isASCIIWhiteSpace { start += 1 }
        guard start < end, !startsWithUnicodeSpace(raw, at: start), !endsWithUnicodeSpace(raw, at: end) else {
            return nil
        }
        // A subject or title on one line, once trimmed, only loses its ends, like a body without the newline.
        if !body,
            raw.withUnsafeBufferPointer({ ByteScan.containsLineBreak(UnsafeBufferPointer(rebasing: $0[start..<end])) })
        {
            return nil
        }
        return start..<end
    }

    /// Whether the scalar at `index` is non-ASCII white space (U+00A0, U+3000…), which `String` trimming
    /// would also remove; decoded only when the byte is not ASCII.
    private static func startsWithUnicodeSpace(_ raw: [UInt8], at index: Int) -> Bool {
        guard raw[index] >= 0x80 else { return false }
        var iterator = raw[index...].makeIterator()
        var decoder = UTF8()
        guard case .scalarValue(let scalar) = decoder.decode(&iterator) else { return true }
        return isWhitespace(scalar)
    }

    /// `properties.isWhitespace` for a non-ASCII scalar. Every White_Space scalar past ASCII lies in
    /// U+0085…U+3000, so Chinese text, which zh parts start and end with, needs no property lookup.
    @inline(__always) static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        (0x85...0x3000).contains(scalar.value) && scalar.properties.isWhitespace
    }

    /// Whether the scalar ending at `end` is non-ASCII white space.
    private static func endsWithUnicodeSpace(_ raw: [UInt8], at end: Int) -> Bool {
        guard raw[end - 1] >= 0x80 else { return false }
        var start = end - 1
        while start > 0, raw[start] & 0xC0 == 0x80 { start -= 1 }
        var iterator = raw[start..<end].makeIterator()
        var decoder = UTF8()
        guard case .scalarValue(let scalar) = decoder.decode(&iterator) else { return true }
        return isWhitespace(scalar)
    }

    /// Subjects and titles become one line; bodies lose surrounding blank lines; SMS spaces become plain.
    static func finish(_ raw: String, part: TemplatePart) -> String {
        if part.isSingleLine {
            let trimmed = raw.trimmingWhitespace
            if !trimmed.utf8.contains(where: { $0 == 0x0A || $0 == 0x0D }) { return trimmed }
            return raw.split(whereSeparator: \.isNewline).map { $0.trimmingWhitespace }.filter { !$0.isEmpty }
                .joined(separator: " ")
        }
        var text = raw.trimmingWhitespace
        if part == .smsText { text = SMSText.plainSpaces(text) }
        if part == .emailText || part == .emailHTML { text += "\n" }
        return text
    }
}

extension Substring {
    fileprivate var trimmingWhitespace: String { String(self).trimmingWhitespace }
}
