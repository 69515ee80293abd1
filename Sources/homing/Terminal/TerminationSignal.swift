import Dispatch
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Waits for SIGINT or SIGTERM without blocking a thread, so a long-running command can shut down
/// cleanly.
///
/// ```swift
/// let signal = await TerminationSignal.next()   // "SIGTERM"
/// try await server.stop()
/// ```
///
/// The default action of both signals is suspended while waiting and restored afterwards, so a
/// second Ctrl-C during a slow shutdown still ends the process.
enum TerminationSignal {
    static func next() async -> String {
        let signals: [(Int32, String)] = [(SIGINT, "SIGINT"), (SIGTERM, "SIGTERM")]
        let queue = DispatchQueue(label: "homing.signals")
        return await withCheckedContinuation { continuation in
            let pending = Mutex<CheckedContinuation<String, Never>?>(continuation)
            let sources = signals.map { number, name in
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
                source.setEventHandler {
                    guard let continuation = pending.withLock({ $0.take() }) else { return }
                    for (number, _) in signals { signal(number, SIG_DFL) }
                    continuation.resume(returning: name)
                }
                return source
            }
            for source in sources {
                // The handler keeps its source alive until the first signal cancels them all.
                source.setCancelHandler { _ = sources }
                source.resume()
            }
        }
    }
}
