import HomingCore
import Synchronization

/// The render plans of a renderer, by message, channel and customer tag.
///
/// ```swift
/// let plan = try cache.plan("welcome", .email, for: zhTW) { try RenderPlan(…) }
/// ```
final class RenderPlanCache: Sendable {
    /// A class: comparing the recent keys hands each one over as a copy, and copying a struct of a message
    /// name and a five-field tag was six retains and six releases per comparison (~2% of a render); a
    /// reference is one of each.
    private final class Key: Hashable, Sendable {
        let message: String
        let channel: Channel
        let locale: LocaleTag

        init(message: String, channel: Channel, locale: LocaleTag) {
            self.message = message
            self.channel = channel
            self.locale = locale
        }

        static func == (a: Key, b: Key) -> Bool {
            a.message == b.message && a.channel == b.channel && a.locale == b.locale
        }

        /// Field by field, read in place: `key.locale` read outside the class is a copy of the tag.
        func matches(_ message: String, _ channel: Channel, _ locale: LocaleTag) -> Bool {
            self.channel == channel && self.message == message && self.locale == locale
        }

        func hash(into hasher: inout Hasher) {
            hasher.combine(message)
            hasher.combine(channel)
            hasher.combine(locale)
        }
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
            recentWhere: { $0.matches(message, channel, locale) },
            key: { Key(message: message, channel: channel, locale: locale) }
        )
    }
}
