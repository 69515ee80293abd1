import Synchronization

/// One template file's skeletons by input shape, kept on its ``TemplateEntry``.
///
/// ```swift
/// let skeleton = entry.skeletons.skeleton(shape: [1, 1, 1, 2, 1]) { renderWithPlaceholders() }
/// ```
///
/// Shapes are few (a handful of optional fields and the number of order lines), so the cache stays small;
/// it is emptied if it ever passes `limit` entries rather than grow without bound. Keyed by shape alone
/// because every email looks up four parts: hashing a file path each time cost more than the lookup.
final class SkeletonCache: Sendable {
    private let storage = Mutex<[[Int]: TemplateSkeleton?]>([:])
    private let limit = 10_000

    /// The cached skeleton, or `build()`'s rendering split into one; nil when it cannot be split.
    func skeleton(shape: [Int], build: () -> String) -> TemplateSkeleton? {
        if let cached = storage.withLock({ $0[shape] }) { return cached }
        let skeleton = TemplateSkeleton(rendered: build())
        storage.withLock { cache in
            if cache.count >= limit { cache.removeAll(keepingCapacity: true) }
            cache[shape] = skeleton
        }
        return skeleton
    }
}
