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

        mutating func find(_ key: Key) -> RenderPlan? {
            if let plan = recent[key] { return plan }
            guard let plan = all[key] else { return nil }
            recent.remember(key, plan)
            return plan
        }
    }

    private let storage = Mutex(Plans())

    /// The plan already made for this key, if any; looked up before ``plan(_:_:for:make:)`` so that a
    /// hit makes no closure.
    func cached(_ message: String, _ channel: Channel, for locale: LocaleTag) -> RenderPlan? {
        let key = Key(message: message, channel: channel, locale: locale)
        return storage.withLock { $0.find(key) }
    }

    func plan(
        _ message: String,
        _ channel: Channel,
        for locale: LocaleTag,
        make: () throws(TemplateError) -> RenderPlan
    ) throws(TemplateError) -> RenderPlan {
        let key = Key(message: message, channel: channel, locale: locale)
        if let cached = storage.withLock({ $0.find(key) }) { return cached }
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
