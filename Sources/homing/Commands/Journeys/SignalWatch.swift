import Dispatch
import Foundation

/// Runs a handler when the process receives one of `signals`, instead of dying.
///
/// ```swift
/// let watch = SignalWatch([SIGINT, SIGTERM]) { dispatcher.stop() }
/// defer { watch.cancel() }
/// ```
final class SignalWatch {
    private let sources: [any DispatchSourceSignal]

    init(_ signals: [Int32], handler: @escaping @Sendable () -> Void) {
        sources = signals.map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler(handler: handler)
            source.resume()
            return source
        }
    }

    func cancel() { for source in sources { source.cancel() } }
}
