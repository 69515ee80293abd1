import Foundation
import HomingCore

/// Renders a catalog message for one customer on one channel.
///
/// ```swift
/// let renderer = MessageRenderer(catalog: catalog)
/// let email = try renderer.render("win-back-offer", channel: .email, context: context)
/// email[.emailSubject]   // "Zoë, 20 % offerts pour votre retour"
/// ```
///
/// Rendering is strict: parts resolve through the fallback chain, a part whose file has errors is refused,
/// and a message that mentions `order` or `offer` without being given one throws instead of printing blanks.
public struct MessageRenderer: Sendable {
    public let catalog: TemplateCatalog
    public let formatter: LocalizedFormatter

    public init(catalog: TemplateCatalog, formatter: LocalizedFormatter = .shared) {
        self.catalog = catalog
        self.formatter = formatter
    }

    public func render(
        _ message: String,
        channel: Channel,
        context: MessageContext
    ) throws(TemplateError)
        -> RenderedMessage
    {
        guard catalog.messages.contains(message) else { throw .unknownMessage(message) }
        guard catalog.has(message, channel.parts[0]) else { throw .noChannel(message: message, channel: channel) }
        var entries: [TemplateEntry] = []
        for part in channel.parts {
            let entry = try catalog.resolve(message, part, for: context.locale)
            if entry.requiredInputs.contains("order"), context.order == nil {
                throw .missingInput(message: message, input: "order")
            }
            if entry.requiredInputs.contains("offer"), context.offer == nil {
                throw .missingInput(message: message, input: "offer")
            }
            entries.append(entry)
        }
        var valuesByLocale: [(LocaleTag, [String: Any])] = []
        func values(for locale: LocaleTag) -> [String: Any] {
            let formatting = RenderValues.formattingLocale(customer: context.locale, template: locale)
            if let cached = valuesByLocale.first(where: { $0.0 == formatting }) { return cached.1 }
            let built = RenderValues.build(
                context,
                message: message,
                channel: channel,
                locale: formatting,
                formatter: formatter
            )
            valuesByLocale.append((formatting, built))
            return built
        }
        var parts: [RenderedPart] = []
        for entry in entries {
            var input = values(for: entry.locale)
            if entry.part == .emailHTML {
                input["email"] = [
                    "subject": parts.first { $0.part == .emailSubject }?.text ?? "",
                    "preheader": parts.first { $0.part == .emailPreheader }?.text ?? "",
                ]
            }
            let raw = entry.template.render(input, library: catalog.library(for: entry.locale))
            let text = Self.finish(raw, part: entry.part)
            parts.append(RenderedPart(part: entry.part, text: text, locale: entry.locale, file: entry.file))
        }
        return RenderedMessage(message: message, channel: channel, requestedLocale: context.locale, parts: parts)
    }

    /// Subjects and titles become one line; bodies lose surrounding blank lines; SMS spaces become plain.
    static func finish(_ raw: String, part: TemplatePart) -> String {
        if part.isSingleLine {
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
