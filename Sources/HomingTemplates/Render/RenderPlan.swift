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
    /// Skeletons by input shape and shop (``RenderSlots/shared``), the last few compared before hashing
    /// one. Bounded lower than the plans: each entry holds its parts' text and encoding, tens of KB.
    private let skeletons = Mutex(LookupCache<SkeletonKey, [TemplateSkeleton?]>(recent: 4, limit: 1_000))

    /// Shop values compare by their bytes: canonically equivalent spellings (`é` or `e` + U+0301)
    /// are the same `String` but not the same text on the wire.
    struct SkeletonKey: Hashable {
        let shape: [Int]
        let shared: [String]

        static func == (left: SkeletonKey, right: SkeletonKey) -> Bool {
            left.shape == right.shape && left.shared.elementsEqual(right.shared) { $0.hasSameUTF8(as: $1) }
        }

        // Byte-equal strings are canonically equal, so String's own hash stays consistent with ==.
        func hash(into hasher: inout Hasher) {
            hasher.combine(shape)
            hasher.combine(shared)
        }
    }

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

    /// The skeletons seen before for this input shape and these shop values, or nil.
    func cachedSkeletons(shape: [Int], shared: ArraySlice<String>) -> [TemplateSkeleton?]? {
        skeletons.withLock { find(shape, shared, in: &$0) }
    }

    /// The skeleton of every entry for this input shape and shop, `build(index)` making those not seen
    /// before; nil where a rendering cannot be split. Emptied past 1,000 entries rather than grow without
    /// bound.
    func skeletons(
        shape: [Int],
        shared: ArraySlice<String>,
        build: (Int) -> TemplateSkeleton?
    ) -> [TemplateSkeleton?] {
        if let cached = skeletons.withLock({ find(shape, shared, in: &$0) }) { return cached }
        let built = entries.indices.map(build)
        skeletons.withLock { $0.insert(built, for: SkeletonKey(shape: shape, shared: Array(shared))) }
        return built
    }

    /// Compares the recent keys with what the caller holds: a hit builds no key, so the shop's values are
    /// not copied into an array on every render. Equal strings of the same storage compare without
    /// reading their bytes.
    private func find(
        _ shape: [Int],
        _ shared: ArraySlice<String>,
        in cache: inout LookupCache<SkeletonKey, [TemplateSkeleton?]>
    ) -> [TemplateSkeleton?]? {
        cache.find(
            recentWhere: { $0.shape == shape && $0.shared.elementsEqual(shared) { $0.hasSameUTF8(as: $1) } },
            key: { SkeletonKey(shape: shape, shared: Array(shared)) }
        )
    }
}
