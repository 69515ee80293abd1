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

    private let storage = Mutex<[Key: RenderPlan]>([:])

    /// The plan already made for this key, if any; looked up before ``plan(_:_:for:make:)`` so that a
    /// hit makes no closure.
    func cached(_ message: String, _ channel: Channel, for locale: LocaleTag) -> RenderPlan? {
        let key = Key(message: message, channel: channel, locale: locale)
        return storage.withLock { $0[key] }
    }

    func plan(
        _ message: String,
        _ channel: Channel,
        for locale: LocaleTag,
        make: () throws(TemplateError) -> RenderPlan
    ) throws(TemplateError) -> RenderPlan {
        let key = Key(message: message, channel: channel, locale: locale)
        if let cached = storage.withLock({ $0[key] }) { return cached }
        let plan = try make()
        storage.withLock { cache in
            if cache.count >= 10_000 { cache.removeAll(keepingCapacity: true) }
            cache[key] = plan
        }
        return plan
    }
}
