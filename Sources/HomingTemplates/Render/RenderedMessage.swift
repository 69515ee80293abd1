import HomingCore

/// The finished text of one message on one channel, with the locale each part came from.
///
/// ```swift
/// let rendered = try renderer.render("welcome", channel: .sms, context: context)
/// rendered[.smsText]          // "Bienvenue chez …"
/// rendered.resolvedLocale     // fr — record it with the send
/// ```
public struct RenderedMessage: Sendable {
    public let message: String
    public let channel: Channel
    /// The customer's tag the parts were resolved from.
    public let requestedLocale: LocaleTag
    public let parts: [RenderedPart]

    /// The text of `part`, or nil when the channel has no such part.
    public subscript(part: TemplatePart) -> String? {
        index(of: part).map { parts[$0].text }
    }

    /// The UTF-8 of `part`, without building a `String`: what MIME assembly encodes.
    public func utf8(_ part: TemplatePart) -> [UInt8]? {
        index(of: part).map { parts[$0].utf8 }
    }

    /// How an email body was filled, for MIME assembly; nil for other parts and bodies finished as text.
    func layout(_ part: TemplatePart) -> BodyLayout? {
        index(of: part).flatMap { parts[$0].layout }
    }

    /// Found by index: `first(where:)` hands each part to its closure as a copy, retaining its bytes,
    /// entry and layout, and MIME assembly asks four times per message.
    private func index(of part: TemplatePart) -> Int? {
        for index in parts.indices where parts[index].part == part { return index }
        return nil
    }

    /// The locale of the message's main part (subject, SMS text or push title), the one to record.
    public var resolvedLocale: LocaleTag { parts[0].locale }
}

/// One rendered part and the file it was rendered from.
///
/// ```swift
/// let html = rendered.parts.first { $0.part == .emailHTML }!
/// html.utf8.count   // bytes, as MIME assembly reads them
/// html.text         // the same as a String, built when asked for
/// ```
///
/// Parts are kept as UTF-8 bytes because bodies are kilobytes and email only ever encodes them: building
/// a `String` validates every byte, which cost more than filling the template.
public struct RenderedPart: Sendable {
    public let part: TemplatePart
    public let utf8: [UInt8]
    public var text: String { String(decoding: utf8, as: UTF8.self) }
    /// The catalog folder the template came from after fallback.
    public var locale: LocaleTag { entry.locale }
    public var file: String { entry.file }
    /// The entry rendered; held by reference, so a part costs one retain rather than a copied tag and path.
    let entry: TemplateEntry
    /// Where the body's literal text sits, when it came straight from a skeleton fill.
    let layout: BodyLayout?

    init(part: TemplatePart, utf8: [UInt8], entry: TemplateEntry, layout: BodyLayout? = nil) {
        self.part = part
        self.utf8 = utf8
        self.entry = entry
        self.layout = layout
    }
}
