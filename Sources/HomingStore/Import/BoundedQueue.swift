import Foundation

/// A blocking FIFO between the parsing thread and the writing thread; `push` waits while it is full,
/// so a fast parser cannot pile the whole file up in memory ahead of a slower writer.
final class BoundedQueue<Element: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var items: [Element] = []
    private let capacity: Int
    private var closed = false
    private var cancelled = false
    private(set) var commit = false

    init(capacity: Int) { self.capacity = capacity }

    /// Adds `item`; false when the consumer gave up and the producer should stop.
    func push(_ item: Element) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while items.count >= capacity && !cancelled { condition.wait() }
        guard !cancelled else { return false }
        items.append(item)
        condition.broadcast()
        return true
    }

    /// The next item, or nil once the producer closed the queue and it is drained.
    func pop() -> Element? {
        condition.lock()
        defer { condition.unlock() }
        while items.isEmpty && !closed { condition.wait() }
        guard !items.isEmpty else { return nil }
        condition.broadcast()
        return items.removeFirst()
    }

    /// Ends the stream; `commit` tells the consumer whether to keep what it wrote.
    func close(commit: Bool) {
        condition.lock()
        self.commit = commit
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    /// Called by the consumer when it fails, to release a blocked producer.
    func cancel() {
        condition.lock()
        cancelled = true
        items.removeAll()
        condition.broadcast()
        condition.unlock()
    }
}
