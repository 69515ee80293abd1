import Dispatch
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Appends ``SinkRecord`` lines to a file through a memory buffer written out every 100 ms.
///
/// ```swift
/// let writer = try RecordWriter(path: "sink.jsonl")
/// writer.append(record)      // from any event loop; never touches the disk
/// try writer.close()         // writes what is left, closes the file
/// ```
///
/// Event loops only copy bytes under a lock; a private queue does the `write(2)` calls, and there
/// is no fsync: the sink is a test double, and a crash of the sink itself may lose the last 100 ms.
/// A nil path counts nothing and writes nothing.
final class RecordWriter: Sendable {
    private struct State {
        var pending: [UInt8] = []
        var closed = false
        var failure: SinkError?
    }

    static let flushInterval = DispatchTimeInterval.milliseconds(100)

    private let path: String?
    private let descriptor: Int32
    private let state = Mutex(State())
    private let queue = DispatchQueue(label: "homing.sink.writer")

    init(path: String?) throws(SinkError) {
        self.path = path
        guard let path else {
            descriptor = -1
            return
        }
        descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw SinkError(
                "cannot open \(path) for appending (\(String(cString: strerror(errno)))); "
                    + "check that its directory exists and is writable"
            )
        }
        scheduleFlush()
    }

    func append(_ record: SinkRecord) {
        guard path != nil else { return }
        // Encoded straight into the pending bytes: the lock is held a few microseconds longer,
        // but every event loop saves an array and a copy per message.
        state.withLock { state in
            guard !state.closed else { return }
            record.appendJSONLine(to: &state.pending)
        }
    }

    /// Writes the remaining lines and closes the file; throws the first write error, if any.
    func close() throws(SinkError) {
        guard path != nil else { return }
        let alreadyClosed = state.withLock { state in
            defer { state.closed = true }
            return state.closed
        }
        guard !alreadyClosed else { return }
        queue.sync {
            flush()
            closeDescriptor(descriptor)
        }
        if let failure = state.withLock({ $0.failure }) { throw failure }
    }

    private func scheduleFlush() {
        queue.asyncAfter(deadline: .now() + Self.flushInterval) { [self] in
            guard !state.withLock({ $0.closed }) else { return }
            flush()
            scheduleFlush()
        }
    }

    /// Runs on `queue` only, so writes never interleave.
    private func flush() {
        let bytes = state.withLock { state -> [UInt8] in
            defer { state.pending.removeAll(keepingCapacity: true) }
            return state.pending
        }
        guard !bytes.isEmpty else { return }
        let failed = bytes.withUnsafeBytes { raw -> Int32? in
            var offset = 0
            while offset < raw.count {
                let written = write(descriptor, raw.baseAddress! + offset, raw.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += written
            }
            return nil
        }
        if let failed {
            let message = "writing \(path ?? "") failed (\(String(cString: strerror(failed)))); lines were lost"
            state.withLock { state in
                if state.failure == nil { state.failure = SinkError(message) }
            }
        }
    }
}

private func closeDescriptor(_ descriptor: Int32) {
    #if canImport(Glibc)
    _ = Glibc.close(descriptor)
    #else
    _ = Darwin.close(descriptor)
    #endif
}
