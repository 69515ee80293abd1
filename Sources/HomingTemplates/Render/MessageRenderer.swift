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
    private let resolutions = ResolutionCache()

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
        let entries = try entries(message, channel, context: context)
        var slotsByLocale: [(LocaleTag, RenderSlots)] = []
        var parts: [RenderedPart] = []
        for entry in entries {
            let formatting = RenderValues.formattingLocale(customer: context.locale, template: entry.locale)
            var slots: RenderSlots
            if let cached = slotsByLocale.first(where: { $0.0 == formatting }) {
                slots = cached.1
            } else {
                slots = RenderSlots(placeholders: false, buildsTree: !useSkeletons)
                _ = RenderValues.build(
                    context,
                    message: message,
                    channel: channel,
                    locale: formatting,
                    formatter: formatter,
                    slots: &slots
                )
                slotsByLocale.append((formatting, slots))
            }
            let header = entry.part == .emailHTML ? Self.emailHeader(parts) : nil
            let raw = renderPart(entry, context: context, locale: formatting, slots: slots, header: header)
            let utf8 = Self.finish(raw, part: entry.part)
            parts.append(RenderedPart(part: entry.part, utf8: utf8, locale: entry.locale, file: entry.file))
        }
        return RenderedMessage(message: message, channel: channel, requestedLocale: context.locale, parts: parts)
    }

    /// The channel's parts resolved for the customer's tag, refused when they need an input it lacks.
    private func entries(
        _ message: String,
        _ channel: Channel,
        context: MessageContext
    ) throws(TemplateError)
        -> [TemplateEntry]
    {
        let entries = try resolutions.entries(message, channel, for: context.locale) { () throws(TemplateError) in
            guard catalog.messages.contains(message) else { throw .unknownMessage(message) }
            guard catalog.has(message, channel.parts[0]) else { throw .noChannel(message: message, channel: channel) }
            let chain = context.locale.fallbackChain(defaultLocale: catalog.defaultLocale)
            var entries: [TemplateEntry] = []
            for part in channel.parts {
                entries.append(try catalog.resolve(message, part, chain: chain, for: context.locale))
            }
            return entries
        }
        for entry in entries {
            if entry.requiredInputs.contains("order"), context.order == nil {
                throw .missingInput(message: message, input: "order")
            }
            if entry.requiredInputs.contains("offer"), context.offer == nil {
                throw .missingInput(message: message, input: "offer")
            }
        }
        return entries
    }

    /// The subject and preheader the HTML body shows as `email.subject` and `email.preheader`.
    private static func emailHeader(_ parts: [RenderedPart]) -> (subject: String, preheader: String) {
        (
            parts.first { $0.part == .emailSubject }?.text ?? "",
            parts.first { $0.part == .emailPreheader }?.text ?? ""
        )
    }

    /// Fills the part's skeleton for this input shape, rendering the skeleton with swift-mustache first if
    /// this shape is new; renders directly only if the template's own text contains a marker character.
    private func renderPart(
        _ entry: TemplateEntry,
        context: MessageContext,
        locale: LocaleTag,
        slots: RenderSlots,
        header: (subject: String, preheader: String)?
    ) -> [UInt8] {
        var slots = slots
        if let header {  // same order as in renderDirect
            _ = slots.leaf(header.subject)
            _ = slots.leaf(header.preheader)
        }
        if useSkeletons,
            let skeleton = entry.skeletons.skeleton(
                shape: slots.shapeKey,
                build: {
                    renderDirect(entry, context: context, locale: locale, header: header, placeholders: true)
                }
            )
        {
            return skeleton.fill(slots.values, escapingHTML: entry.part.isHTML)
        }
        return Array(renderDirect(entry, context: context, locale: locale, header: header, placeholders: false).utf8)
    }

    /// One swift-mustache render of `entry`, with real values or with slot markers.
    func renderDirect(
        _ entry: TemplateEntry,
        context: MessageContext,
        locale: LocaleTag,
        header: (subject: String, preheader: String)?,
        placeholders: Bool
    ) -> String {
        var slots = RenderSlots(placeholders: placeholders)
        var tree = RenderValues.build(
            context,
            message: entry.message,
            channel: entry.part.channel,
            locale: locale,
            formatter: formatter,
            slots: &slots
        )
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
        let body = part == .emailText || part == .emailHTML
        // A subject or title on one line only loses its ends, like a body without the newline.
        let oneLine = part.isSingleLine && !raw.contains { $0 == 0x0A || $0 == 0x0D }
        guard body || oneLine else { return Array(finish(String(decoding: raw, as: UTF8.self), part: part).utf8) }
        @inline(__always) func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte &- 0x09 < 5 }
        var end = raw.count
        while end > 0, isSpace(raw[end - 1]) { end -= 1 }
        var start = 0
        while start < end, isSpace(raw[start]) { start += 1 }
        guard start < end, raw[start] < 0x80, raw[end - 1] < 0x80 else {
            return Array(finish(String(decoding: raw, as: UTF8.self), part: part).utf8)
        }
        raw.removeLast(raw.count - end)
        if start > 0 { raw.removeFirst(start) }
        if body { raw.append(0x0A) }
        return raw
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
