import HomingCore
import Mustache

/// One parsed, checked template file, ready to render.
///
/// ```swift
/// let entry = try catalog.resolve("welcome", .smsText, for: try LocaleTag(parsing: "fr-CA"))
/// entry.locale          // fr: the folder it came from
/// entry.requiredInputs  // [] — welcome needs neither an order nor an offer
/// ```
///
/// A class, immutable, because every render hands entries around: copying a struct of this many strings
/// and collections retained and released each of them, several times per email.
public final class TemplateEntry: Sendable {
    public let locale: LocaleTag
    public let message: String
    public let part: TemplatePart
    /// The path shown in diagnostics: `templates/fr/welcome/sms.text.mustache`.
    public let file: String
    /// `order` and `offer` when the template mentions them; rendering without them is an error.
    public let requiredInputs: Set<String>
    let template: MustacheTemplate
    /// This file's renderings with placeholders, by input shape; see ``TemplateSkeleton``.
    let skeletons = SkeletonCache()

    init(
        locale: LocaleTag,
        message: String,
        part: TemplatePart,
        file: String,
        requiredInputs: Set<String>,
        template: MustacheTemplate
    ) {
        self.locale = locale
        self.message = message
        self.part = part
        self.file = file
        self.requiredInputs = requiredInputs
        self.template = template
    }
}
