import HomingCore
import Synchronization

/// Everything about rendering one message on one channel for one customer tag that does not depend on
/// the customer: the resolved parts, the locale each formats its values in, the UTM query, and the
/// skeletons of each input shape.
///
/// ```swift
/// let plan = try renderer.plan("win-back-offer", .email, for: try LocaleTag(parsing: "fr-CA"))
/// plan.entries.map(\.locale)    // [fr, fr, fr, fr]
/// plan.formats[0].locale        // fr-CA: Canadian number style in French templates
/// ```
///
/// Built once per (message, channel, tag) and shared by reference, so a render does one cache lookup for
/// all of this instead of one per part and per value.
final class RenderPlan: Sendable {
    let entries: [TemplateEntry]
    /// The locales values are formatted in, one per distinct formatting locale of the entries.
    let formats: [LocaleFormats]
    /// For each entry, its index into ``formats``.
    let formatOfEntry: [Int]
    /// The message's shop and review links with their UTM parameters.
    let links: TaggedLinks
    /// For each entry, whether its template mentions `order` and `offer`: rendering without them throws.
    let inputs: [(order: Bool, offer: Bool)]
    /// Skeletons by input shape, the last few shapes compared before hashing one.
    private let skeletons = Mutex(LookupCache<[Int], [TemplateSkeleton?]>(recent: 4))

    init(
        message: String,
        channel: Channel,
        entries: [TemplateEntry],
        customer: LocaleTag,
        formatter: LocalizedFormatter
    ) {
        self.entries = entries
        var formats: [LocaleFormats] = []
        var formatOfEntry: [Int] = []
        for entry in entries {
            let locale = RenderValues.formattingLocale(customer: customer, template: entry.locale)
            if let index = formats.firstIndex(where: { $0.locale == locale }) {
                formatOfEntry.append(index)
            } else {
                formatOfEntry.append(formats.count)
                formats.append(LocaleFormats(locale: locale, formatter: formatter))
            }
        }
        self.formats = formats
        self.formatOfEntry = formatOfEntry
        links = TaggedLinks(message: message, channel: channel)
        inputs = entries.map { ($0.requiredInputs.contains("order"), $0.requiredInputs.contains("offer")) }
    }

    /// The skeletons seen before for this input shape, or nil.
    func cachedSkeletons(shape: [Int]) -> [TemplateSkeleton?]? {
        skeletons.withLock { $0.find(shape) }
    }

    /// The skeleton of every entry for this input shape, `build(index)` making those not seen before;
    /// nil where a rendering cannot be split. Emptied past 10,000 shapes rather than grow without bound.
    func skeletons(shape: [Int], build: (Int) -> TemplateSkeleton?) -> [TemplateSkeleton?] {
        if let cached = skeletons.withLock({ $0.find(shape) }) { return cached }
        let built = entries.indices.map(build)
        skeletons.withLock { $0.insert(built, for: shape) }
        return built
    }
}
