import Dispatch
import Foundation
import Synchronization

/// Runs a handler when the process receives one of `signals`, instead of dying.
///
/// ```swift
/// let watch = SignalWatch([SIGINT, SIGTERM]) { _ in dispatcher.stop() }
/// defer { watch.cancel() }
/// let name = await SignalWatch.nextTermination()      // "SIGTERM"
/// ```
///
/// While watched, the signals' default action is suspended; `cancel()` restores it, so a second
/// Ctrl-C during a slow shutdown still ends the process.
final class SignalWatch: @unchecked Sendable {
    // Dispatch sources are thread-safe; the array is never mutated after init.
    private let sources: [any DispatchSourceSignal]
    private let signals: [Int32]

    init(_ signals: [Int32], handler: @escaping @Sendable (Int32) -> Void) {
        self.signals = signals
        sources = signals.map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { handler(number) }
            source.resume()
            return source
        }
    }

    func cancel() {
        for source in sources { source.cancel() }
        for number in signals { signal(number, SIG_DFL) }
    }

    /// Waits without blocking a thread for the first SIGINT or SIGTERM and returns its name.
    static func nextTermination() async -> String {
        let watch = Mutex<SignalWatch?>(nil)
        return await withCheckedContinuation { continuation in
            let pending = Mutex<CheckedContinuation<String, Never>?>(continuation)
            let started = SignalWatch([SIGINT, SIGTERM]) { number in
                guard let continuation = pending.withLock({ $0.take() }) else { return }
                watch.withLock { $0?.cancel() }
                continuation.resume(returning: number == SIGINT ? "SIGINT" : "SIGTERM")
            }
            watch.withLock { $0 = started }
            // A signal that came before `watch` was set could not cancel it.
            if pending.withLock({ $0 == nil }) { started.cancel() }
        }
    }
}
