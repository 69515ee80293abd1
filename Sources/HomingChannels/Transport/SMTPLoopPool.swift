/// The transfer loops a ``Transport`` sends SMTP on: up to `smtpThreads` of them, started on first
/// use, each with its own multi handle, thread and share of the connection limit.
///
/// ```swift
/// let pool = SMTPLoopPool(configuration: configuration)
/// let loop = try pool.next(for: request.url)   // round robin
/// pool.shutdown()
/// ```
///
/// Why a pool: libcurl (7.88 and 8.x) reads the reply to the end of `DATA` in a blocking loop
/// (`smtp_done` → `smtp_block_statemach`) on the thread that drives the multi handle, so one loop
/// finishes at most one message per round trip to the server, whatever its connection count, and
/// every other transfer of that loop waits meanwhile. Several loops overlap those waits; keeping
/// them apart from the HTTP loop means a slow mail server never holds up HTTP sends. The threads
/// sleep in `poll` while they wait, so more threads than cores is fine.
final class SMTPLoopPool: Sendable {
    private struct State {
        var loops: [TransferLoop] = []
        var next = 0
        var shutDown = false
    }

    private let state = Locked(State())
    private let count: Int
    private let loopConfiguration: TransportConfiguration

    init(configuration: TransportConfiguration) {
        let total = max(1, configuration.maxConnectionsPerHost)
        // The pool as a whole keeps to the transport's connection limit per host.
        count = min(max(1, configuration.smtpThreads), total)
        var loopConfiguration = configuration
        loopConfiguration.maxConnectionsPerHost = total / count
        self.loopConfiguration = loopConfiguration
    }

    /// The loop for the next message to `url`, starting one if fewer than `count` run; throws
    /// `.cancelled` after `shutdown()` and `.other` when no thread can be started.
    func next(for url: String) throws(TransportError) -> TransferLoop {
        let result: Result<TransferLoop, TransportError> = state.withLock { state in
            guard !state.shutDown else {
                return .failure(TransportError(kind: .cancelled, message: "the transport was shut down", url: url))
            }
            if state.loops.count < count {
                do throws(TransportError) {
                    state.loops.append(try TransferLoop(configuration: loopConfiguration))
                } catch {
                    guard state.loops.isEmpty else { return .success(state.loops[0]) }
                    return .failure(TransportError(kind: error.kind, message: error.message, url: url))
                }
                return .success(state.loops[state.loops.count - 1])
            }
            state.next = (state.next + 1) % state.loops.count
            return .success(state.loops[state.next])
        }
        return try result.get()
    }

    /// Shuts every started loop down (see ``TransferLoop/shutdown()``); later `next()` calls throw.
    func shutdown() {
        let loops = state.withLock { state in
            state.shutDown = true
            return state.loops
        }
        for loop in loops { loop.shutdown() }
    }
}
