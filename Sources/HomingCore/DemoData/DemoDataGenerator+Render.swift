import Foundation

extension DemoDataGenerator {
    /// Renders rows `0..<rows` in chunks of `rowsPerChunk`, a few chunks at a time on all cores, and hands the
    /// chunks to `sink` in row order. A row depends only on its index, so the bytes never depend on core count.
    static func render(
        rows: Int,
        rowsPerChunk: Int,
        to sink: ([UInt8]) throws -> Void,
        row: @Sendable (Int, DemoByteBuffer) -> Void
    ) rethrows {
        let batch = 2 * coreCount
        // Shared with the workers, but iteration `chunk` is the only one to touch `buffers[chunk]`.
        nonisolated(unsafe) let buffers = (0..<batch).map { _ in DemoByteBuffer(capacity: rowsPerChunk * 256) }
        var first = 0
        while first < rows {
            let chunks = min(batch, (rows - first + rowsPerChunk - 1) / rowsPerChunk)
            let batchStart = first
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                let buffer = buffers[chunk]
                buffer.removeAll()
                let begin = batchStart + chunk * rowsPerChunk
                for index in begin..<min(begin + rowsPerChunk, rows) { row(index, buffer) }
            }
            for chunk in 0..<chunks { try sink(buffers[chunk].bytes) }
            first += chunks * rowsPerChunk
        }
    }
}

extension DemoDataGenerator {
    /// How many workers to run; only speed depends on it, never the bytes.
    static var coreCount: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// Calls `body` on disjoint ranges that cover `0..<count`, on all cores.
    static func parallelFor(count: Int, body: @Sendable (Range<Int>) -> Void) {
        guard count > 0 else { return }
        let pieces = min(count, 4 * coreCount)
        DispatchQueue.concurrentPerform(iterations: pieces) { piece in
            body(count * piece / pieces..<count * (piece + 1) / pieces)
        }
    }

    /// `(0..<count).map(transform)`, on all cores; `transform` must depend only on its argument.
    static func parallelMap<T>(count: Int, transform: @Sendable (Int) -> T) -> [T] {
        [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            // Shared with the workers, but every index is written by exactly one of them.
            nonisolated(unsafe) let slots = buffer
            parallelFor(count: count) { range in
                for index in range { slots.initializeElement(at: index, to: transform(index)) }
            }
            initialized = count
        }
    }
}
