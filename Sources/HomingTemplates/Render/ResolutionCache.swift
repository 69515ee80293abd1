import HomingCore
import Synchronization

/// The entries a message's channel resolves to for a customer tag, so each tag walks its fallback chain once.
///
/// ```swift
/// let entries = try cache.entries("welcome", .email, for: zhTW) { try resolveThroughChain() }
/// ```
final class ResolutionCache: Sendable {
    private struct Key: Hashable {
        let message: String
        let channel: Channel
        let locale: LocaleTag
    }

    private let storage = Mutex<[Key: [TemplateEntry]]>([:])

    func entries(
        _ message: String,
        _ channel: Channel,
        for locale: LocaleTag,
        resolve: () throws(TemplateError) -> [TemplateEntry]
    ) throws(TemplateError) -> [TemplateEntry] {
        let key = Key(message: message, channel: channel, locale: locale)
        if let cached = storage.withLock({ $0[key] }) { return cached }
        let entries = try resolve()
        storage.withLock { cache in
            if cache.count >= 10_000 { cache.removeAll(keepingCapacity: true) }
            cache[key] = entries
        }
        return entries
    }
}
