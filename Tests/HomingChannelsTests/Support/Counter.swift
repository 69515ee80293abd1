import Synchronization

/// A count that request handlers on the server's threads share, to answer the first request
/// differently from later ones.
///
/// ```swift
/// let count = Counter()
/// let server = try LoopbackHTTPServer { _ in count.next() == 1 ? .respond(status: 401) : .ok }
/// ```
final class Counter: Sendable {
    private let count = Mutex(0)

    /// Counts one more and returns the new count: 1 on the first call.
    func next() -> Int {
        count.withLock {
            $0 += 1
            return $0
        }
    }
}
