import Foundation
import HomingChannels
import HomingCore
import Synchronization

/// Drives a batch through an adapter with a fixed number of concurrent tasks and summarises it.
///
/// ```swift
/// let result = await BenchRun.send(batch, through: adapter, concurrency: 64)
/// print(result.summary)   // 23,456 messages/s, p50 2.61 ms, p99 5.02 ms, peak RSS 41 MB
/// ```
///
/// Each task takes the next message from a shared counter, so a slow answer holds up one task, not
/// a whole slice of the batch; latency is from the call to `deliver` to its outcome.
struct BenchRun {
    var seconds: Double
    /// User and system CPU time of the whole process during the run: unlike the rate, it hardly
    /// moves when other work shares the machine.
    var cpuSeconds: Double
    var latencies: [Duration]
    var failed: Int
    var firstFailure: String?

    private final class Cursor: Sendable {
        let next = Atomic(0)
    }

    private struct Slice: Sendable {
        var latencies: [Duration] = []
        var failed = 0
        var firstFailure: String?
    }

    static func send(
        _ batch: [OutgoingMessage],
        through adapter: any ChannelAdapter,
        concurrency: Int
    ) async -> BenchRun {
        let cursor = Cursor()
        let cpuStart = processCPUSeconds()
        let clock = ContinuousClock()
        let start = clock.now
        let slices = await withTaskGroup(of: Slice.self) { group in
            for _ in 0..<concurrency {
                group.addTask {
                    var slice = Slice()
                    slice.latencies.reserveCapacity(batch.count / concurrency + 1)
                    while case let index = cursor.next.add(1, ordering: .relaxed).oldValue, index < batch.count {
                        let sent = clock.now
                        let outcome = await adapter.deliver(batch[index])
                        slice.latencies.append(clock.now - sent)
                        if case .delivered = outcome { continue }
                        slice.failed += 1
                        if slice.firstFailure == nil { slice.firstFailure = "\(outcome)" }
                    }
                    return slice
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        let elapsed = clock.now - start
        return BenchRun(
            seconds: elapsed.seconds,
            cpuSeconds: processCPUSeconds() - cpuStart,
            latencies: slices.flatMap(\.latencies).sorted(),
            failed: slices.reduce(0) { $0 + $1.failed },
            firstFailure: slices.lazy.compactMap(\.firstFailure).first
        )
    }

    /// One line: rate, p50 and p99 latency, peak RSS of the process so far, failures.
    var summary: String {
        func percentile(_ share: Double) -> String {
            guard !latencies.isEmpty else { return "-" }
            let index = min(latencies.count - 1, Int(Double(latencies.count) * share))
            return String(format: "%.2f ms", latencies[index].seconds * 1000)
        }
        let count = Double(max(1, latencies.count))
        let rate = String(format: "%.0f messages/s (%.2f s)", count / seconds, seconds)
        let cpu = String(format: "%.0f µs CPU/message", cpuSeconds / count * 1e6)
        return "\(rate), p50 \(percentile(0.5)), p99 \(percentile(0.99)), "
            + "peak RSS \(Self.peakResidentMegabytes()) MB, \(failed) failed, \(cpu)"
    }

    private static func processCPUSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let user = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
        return user + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
    }

    /// `ru_maxrss` is in kilobytes on Linux.
    static func peakResidentMegabytes() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage.ru_maxrss / 1024
    }
}
