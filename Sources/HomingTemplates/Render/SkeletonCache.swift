import Synchronization

/// Skeletons by template file and input shape, shared by every render of a ``MessageRenderer``.
///
/// ```swift
/// let cache = SkeletonCache()
/// let skeleton = cache.skeleton(file: entry.file, shape: [1, 1, 1, 2, 1]) { renderWithPlaceholders() }
/// ```
///
/// Shapes are few (a handful of optional fields and the number of order lines), so the cache stays small;
/// it is emptied if it ever passes `limit` entries rather than grow without bound.
final class SkeletonCache: Sendable {
    private struct Key: Hashable {
        let file: String
        let shape: [Int]
    }

    private let storage = Mutex<[Key: TemplateSkeleton?]>([:])
    private let limit = 10_000

    /// The cached skeleton, or `build()`'s rendering split into one; nil when it cannot be split.
    func skeleton(file: String, shape: [Int], build: () -> String) -> TemplateSkeleton? {
        let key = Key(file: file, shape: shape)
        if let cached = storage.withLock({ $0[key] }) { return cached }
        let skeleton = TemplateSkeleton(rendered: build())
        storage.withLock { cache in
            if cache.count >= limit { cache.removeAll(keepingCapacity: true) }
            cache[key] = skeleton
        }
        return skeleton
    }
}
