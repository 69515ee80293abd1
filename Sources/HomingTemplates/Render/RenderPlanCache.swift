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

    /// Before hashing a message name and a five-field tag: a send asks for the same few again and again.
    private let storage = Mutex(LookupCache<Key, RenderPlan>(recent: 8))

    /// The plan already made for this key, if any; looked up before ``plan(_:_:for:make:)`` so that a
    /// hit makes no closure.
    func cached(_ message: String, _ channel: Channel, for locale: LocaleTag) -> RenderPlan? {
        storage.withLock { find(message, channel, locale, in: &$0) }
    }

    func plan(
        _ message: String,
        _ channel: Channel,
        for locale: LocaleTag,
        make: () throws(TemplateError) -> RenderPlan
    ) throws(TemplateError) -> RenderPlan {
        if let cached = storage.withLock({ find(message, channel, locale, in: &$0) }) { return cached }
        let key = Key(message: message, channel: channel, locale: locale)
        let plan = try make()
        storage.withLock { $0.insert(plan, for: key) }
        return plan
    }

    /// Compares the recent keys field by field with what the caller holds: building a `Key` retains the
    /// message and the tag's five fields, and releases them again, on every render.
    private func find(
        _ message: String,
        _ channel: Channel,
        _ locale: LocaleTag,
        in cache: inout LookupCache<Key, RenderPlan>
    ) -> RenderPlan? {
        cache.find(
            recentWhere: { $0.message == message && $0.channel == channel && $0.locale == locale },
            key: { Key(message: message, channel: channel, locale: locale) }
        )
    }
}
