import NIOCore
import Synchronization

/// What every connection of one sink shares: the fault decisions, the recorder, the count of
/// accepted messages and the latency to add.
///
/// ```swift
/// let services = SinkServices(faults: faults, writer: try RecordWriter(path: "sink.jsonl"))
/// services.finish(record)   // writes the line; counts it when accepted
/// ```
final class SinkServices: Sendable {
    let injector: FaultInjector
    let writer: RecordWriter
    let latency: TimeAmount
    private let accepted = Atomic<Int>(0)
    private let sequence = Atomic<Int>(0)

    init(faults: SinkFaults, writer: RecordWriter) {
        injector = FaultInjector(faults)
        self.writer = writer
        let (seconds, attoseconds) = faults.latency.components
        latency = .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }

    var acceptedCount: Int { accepted.load(ordering: .relaxed) }

    /// A number unique within this sink, for provider message ids.
    func nextSequence() -> Int { sequence.wrappingAdd(1, ordering: .relaxed).newValue }

    /// Records a message once its answer goes out.
    func finish(_ record: SinkRecord) {
        if record.outcome == .accepted { accepted.wrappingAdd(1, ordering: .relaxed) }
        writer.append(record)
    }

    /// Runs `answer` now, or after the configured latency on the same event loop.
    func afterLatency(on loop: any EventLoop, _ answer: @escaping () -> Void) {
        guard latency > .zero else {
            answer()
            return
        }
        loop.assumeIsolated().scheduleTask(in: latency) { answer() }
    }
}
