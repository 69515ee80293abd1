import HomingCore
import Synchronization

/// The render plans of a renderer, by message, channel and customer tag.
///
/// ```swift
/// let plan = try cache.plan("welcome", .email, for: zhTW) { try RenderPlan(…) }
/// ```
final class RenderPlanCache: Sendable {
    private struct Key: Hashable {
        let message: String
        let channel: Channel
        let locale: LocaleTag
    }

    private struct Plans {
        var all: [Key: RenderPlan] = [:]
        /// Before hashing a message name and a five-field tag: a send asks for the same few again and again.
        var recent = RecentLookups<Key, RenderPlan>(capacity: 8)

        /// Compares the recent keys field by field with what the caller holds: building a `Key` retains
        /// the message and the tag's five fields, and releases them again, on every render.
        mutating func find(_ message: String, _ channel: Channel, _ locale: LocaleTag) -> RenderPlan? {
            let recentPlan = recent.first { $0.message == message && $0.channel == channel && $0.locale == locale }
            if let recentPlan { return recentPlan }
            let key = Key(message: message, channel: channel, locale: locale)
            guard let plan = all[key] else { return nil }
            recent.remember(key, plan)
            return plan
        }
    }

    private let storage = Mutex(Plans())

    /// The plan already made for this key, if any; looked up before ``plan(_:_:for:make:)`` so that a
    /// hit makes no closure.
    func cached(_ message: String, _ channel: Channel, for locale: LocaleTag) -> RenderPlan? {
        storage.withLock { $0.find(message, channel, locale) }
    }

    func plan(
        _ message: String,
        _ channel: Channel,
        for locale: LocaleTag,
        make: () throws(TemplateError) -> RenderPlan
    ) throws(TemplateError) -> RenderPlan {
        if let cached = storage.withLock({ $0.find(message, channel, locale) }) { return cached }
        let key = Key(message: message, channel: channel, locale: locale)
        let plan = try make()
        storage.withLock { cache in
            if cache.all.count >= 10_000 {
                cache.all.removeAll(keepingCapacity: true)
                cache.recent.removeAll()
            }
            cache.all[key] = plan
        }
        return plan
    }
}
