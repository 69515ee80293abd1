import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Log lines on their way to stderr: batched, so a request's access line is not a `write` call
/// of its own, and written in order.
///
/// ```swift
/// StandardErrorBuffer.shared.write("…\n", now: false)   // batched
/// StandardErrorBuffer.shared.write("…\n", now: true)    // written before returning, after all before it
/// StandardErrorBuffer.shared.flush()                     // before the process exits
/// ```
///
/// A batch goes out when it reaches 16 KiB, when a line must go now, and at the latest a tenth of
/// a second after it started (a thread of its own, started with the first batched line, looks
/// ten times a second).
/// What is still buffered when the process exits without ``flush()`` — a crash — is lost, so
/// warnings and errors are written at once.
public final class StandardErrorBuffer: Sendable {
    /// The process's stderr.
    public static let shared = StandardErrorBuffer(descriptor: 2)

    /// A batch goes out once it holds this many bytes.
    public static let batchBytes = 16 << 10
    private let descriptor: Int32
    /// Microseconds between the flush thread's looks; nil: no thread, batches go out by size or `now`.
    private let flushInterval: UInt32?
    private let pending = Mutex<[UInt8]>([])
    /// Held while a batch is written, so batches reach the file in the order they were taken.
    private let writing = Mutex<Void>(())
    private let clock = Mutex(Stamp())
    private let flusherStarted = Atomic<Bool>(false)

    private struct Stamp {
        var second = -1
        var text = ""
    }

    /// Lines for the open file `descriptor`, which stays the caller's to close, written at the latest
    /// `flushInterval` after they came (nil: only when a batch is full, a line must go now, or on
    /// ``flush()``, which tests use to see the batching itself).
    public init(descriptor: Int32, flushInterval: Duration? = .milliseconds(100)) {
        self.descriptor = descriptor
        self.flushInterval = flushInterval.map { interval in
            let (seconds, attoseconds) = interval.components
            return UInt32(clamping: seconds * 1_000_000 + attoseconds / 1_000_000_000_000)
        }
    }

    /// Adds `line`; with `now`, writes it and everything before it before returning.
    public func write(_ line: String, now: Bool) {
        let full = pending.withLock { bytes in
            bytes.append(contentsOf: line.utf8)
            return bytes.count >= Self.batchBytes
        }
        if now || full {
            flush()
        } else {
            startFlusher()
        }
    }

    /// Writes everything buffered.
    public func flush() {
        writing.withLock { _ in
            let batch = pending.withLock { bytes in
                defer { bytes.removeAll(keepingCapacity: true) }
                return bytes
            }
            batch.withUnsafeBytes { raw in
                var offset = 0
                while offset < raw.count {
                    let written = Self.write(descriptor, raw.baseAddress! + offset, raw.count - offset)
                    if written < 0 && errno == EINTR { continue }
                    guard written > 0 else { return }  // stderr closed: nothing else to do with the lines
                    offset += written
                }
            }
        }
    }

    private static func write(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
        #if canImport(Glibc)
        Glibc.write(descriptor, bytes, count)
        #else
        Darwin.write(descriptor, bytes, count)
        #endif
    }

    /// The local time as `StreamLogHandler` writes it (`2026-11-24T21:18:58+0000`), formatted once
    /// a second: `localtime` reads the zone file's status on every call.
    func timestamp() -> String {
        var now = time(nil)
        return clock.withLock { stamp in
            if stamp.second != now {
                stamp.second = now
                tzset()  // as `localtime` does on every call: a changed zone shows within a second
                stamp.text = Self.format(&now)
            }
            return stamp.text
        }
    }

    private static func format(_ seconds: inout time_t) -> String {
        var local = tm()
        guard localtime_r(&seconds, &local) != nil else { return "<unknown>" }
        var buffer = [CChar](repeating: 0, count: 64)
        let count = strftime(&buffer, buffer.count, "%Y-%m-%dT%H:%M:%S%z", &local)
        return String(decoding: buffer.prefix(count).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private func startFlusher() {
        guard let flushInterval else { return }
        // A load for every line; the exchange only until the thread runs.
        guard !flusherStarted.load(ordering: .relaxed),
            flusherStarted.compareExchange(expected: false, desired: true, ordering: .relaxed).exchanged
        else { return }
        // Weak: a buffer other than `shared` (a test's) may go away, and its thread with it.
        let thread = Thread { [weak self] in
            while true {
                usleep(flushInterval)
                guard let self else { return }
                if !pending.withLock({ $0.isEmpty }) { flush() }
            }
        }
        thread.name = "homing-log-flush"
        thread.start()
    }
}
