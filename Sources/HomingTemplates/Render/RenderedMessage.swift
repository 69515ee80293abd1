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
        parts.first { $0.part == part }?.text
    }

    /// The locale of the message's main part (subject, SMS text or push title), the one to record.
    public var resolvedLocale: LocaleTag { parts[0].locale }
}

/// One rendered part and the file it was rendered from.
public struct RenderedPart: Sendable {
    public let part: TemplatePart
    public let text: String
    /// The catalog folder the template came from after fallback.
    public let locale: LocaleTag
    public let file: String
}
