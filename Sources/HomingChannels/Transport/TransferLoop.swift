import CCurl
import Glibc

/// The one curl multi handle of a ``Transport`` and the one thread that drives it.
///
/// ```swift
/// let loop = try TransferLoop(configuration: configuration)
/// loop.submit(transfer)   // any thread; the transfer's continuation resumes on completion
/// loop.shutdown()         // fails what is in flight, joins the thread
/// ```
///
/// The thread drives libcurl with `curl_multi_socket_action` over its own epoll set
/// (``SocketEvents``): libcurl says through `CURLMOPT_SOCKETFUNCTION` which sockets to watch and
/// through `CURLMOPT_TIMERFUNCTION` when it next needs a timeout run, and each wake-up hands it
/// only the sockets that are ready. That keeps the work per event independent of how many
/// transfers are in flight, where `curl_multi_perform` visits all of them.
///
/// A multi handle is not thread-safe, so only the loop thread calls into it. Other threads talk
/// to the loop through `inbox` and write the eventfd only when the loop said, under the inbox
/// lock, that it is going to sleep with nothing queued: a busy loop picks new work up on its next
/// turn without a syscall per submit.
final class TransferLoop: @unchecked Sendable {
    private struct Inbox {
        var added: [Transfer] = []
        var cancelled: [Transfer] = []
        var stopping = false
        /// The loop found the inbox empty and is (about to be) asleep in `epoll_wait`.
        var sleeping = false
    }

    private let inbox = Locked(Inbox())
    let multi: UnsafeMutableRawPointer
    let events: SocketEvents
    /// Transfers whose easy handle is in the multi handle. Loop thread only, hence unchecked: the
    /// runtime's exclusivity check costs the loop thread a call on each of its per-message accesses.
    @exclusivity(unchecked) private var active: [UnsafeMutableRawPointer: Transfer] = [:]
    /// When libcurl next wants `CURL_SOCKET_TIMEOUT` run, in monotonic milliseconds. Loop thread only.
    @exclusivity(unchecked) var timerDeadline: Int64?
    private var thread = pthread_t()
    /// Whether the thread has been joined; held while joining so a second `shutdown` waits too.
    private let joined = Locked(false)

    init(configuration: TransportConfiguration) throws(TransportError) {
        events = try SocketEvents()
        guard let multi = curl_multi_init() else {
            throw TransportError(kind: .other, message: "curl_multi_init failed", url: "")
        }
        self.multi = multi
        // Several transfers share one HTTP/2 connection where the server offers it.
        _ = ccurl_multi_setopt_long(multi, CURLMOPT_PIPELINING, ccurl_pipe_multiplex)
        _ = ccurl_multi_setopt_long(multi, CURLMOPT_MAX_HOST_CONNECTIONS, max(1, configuration.maxConnectionsPerHost))
        installCallbacks()
        let context = Unmanaged.passRetained(self).toOpaque()
        let created = pthread_create(
            &thread,
            nil,
            { context in
                Unmanaged<TransferLoop>.fromOpaque(context!).takeRetainedValue().run()
                return nil
            },
            context
        )
        guard created == 0 else {
            Unmanaged<TransferLoop>.fromOpaque(context).release()
            curl_multi_cleanup(multi)
            throw TransportError(kind: .other, message: "cannot start the transfer thread (\(created))", url: "")
        }
    }

    /// Hands `transfer` to the loop; fails it at once if the loop is shutting down.
    func submit(_ transfer: Transfer) {
        let (accepted, wake) = inbox.withLock { inbox in
            guard !inbox.stopping else { return (false, false) }
            inbox.added.append(transfer)
            defer { inbox.sleeping = false }
            return (true, inbox.sleeping)
        }
        // `events` outlives the loop thread (it closes in deinit), so waking outside the lock is safe.
        if wake { events.wake() }
        if !accepted { transfer.fail(Self.shutDownError(transfer.url)) }
    }

    /// Asks the loop to abandon `transfer`; its caller resumes with a `.cancelled` error.
    func cancel(_ transfer: Transfer) {
        transfer.cancelRequested.store(true, ordering: .sequentiallyConsistent)
        let wake = inbox.withLock { inbox in
            guard !inbox.stopping else { return false }
            inbox.cancelled.append(transfer)
            defer { inbox.sleeping = false }
            return inbox.sleeping
        }
        if wake { events.wake() }
    }

    /// Fails every pending transfer with `.cancelled`, frees the multi handle and joins the thread.
    func shutdown() {
        let first = inbox.withLock { inbox in
            defer { inbox.stopping = true }
            return !inbox.stopping
        }
        if first { events.wake() }
        joined.withLock { joined in
            guard !joined, pthread_equal(pthread_self(), thread) == 0 else { return }
            pthread_join(thread, nil)
            joined = true
        }
    }

    // MARK: - Loop thread

    private func run() {
        var running: Int32 = 0
        while true {
            let (added, cancelled, stopping) = inbox.withLock { inbox in
                defer {
                    inbox.added = []
                    inbox.cancelled = []
                }
                inbox.sleeping = inbox.added.isEmpty && inbox.cancelled.isEmpty && !inbox.stopping
                return (inbox.added, inbox.cancelled, inbox.stopping)
            }
            for transfer in added { start(transfer, stopping: stopping) }
            if stopping { break }
            for transfer in cancelled {
                abandon(transfer, TransportError(kind: .cancelled, message: "cancelled", url: transfer.url))
            }
            // With work just taken, only look at the sockets and come back for more.
            let idle = added.isEmpty && cancelled.isEmpty
            let ready = events.wait(timeoutMilliseconds: idle ? timerTimeout() : 0)
            for index in 0..<ready {
                let (socket, bits) = events.ready(at: index)
                _ = curl_multi_socket_action(multi, socket, bits, &running)
            }
            if let deadline = timerDeadline, deadline <= Self.now() {
                timerDeadline = nil
                _ = curl_multi_socket_action(multi, ccurl_socket_timeout, 0, &running)
            }
            finishCompleted()
        }
        for transfer in Array(active.values) { abandon(transfer, Self.shutDownError(transfer.url)) }
        curl_multi_cleanup(multi)
    }

    /// Milliseconds until libcurl's timer is due; a second at most, so a lost wake-up costs no more.
    private func timerTimeout() -> Int32 {
        guard let deadline = timerDeadline else { return 1000 }
        return Int32(clamping: min(1000, max(0, deadline - Self.now())))
    }

    private func start(_ transfer: Transfer, stopping: Bool) {
        if stopping {
            transfer.fail(Self.shutDownError(transfer.url))
        } else if transfer.cancelRequested.load(ordering: .sequentiallyConsistent) {
            transfer.fail(TransportError(kind: .cancelled, message: "cancelled", url: transfer.url))
        } else if case let code = curl_multi_add_handle(multi, transfer.easy), code != CURLM_OK {
            let message = "curl_multi_add_handle: " + String(cString: curl_multi_strerror(code))
            transfer.fail(TransportError(kind: .other, message: message, url: transfer.url))
        } else {
            active[transfer.easy] = transfer
        }
    }

    /// Takes `transfer` out of the multi handle if it is still there and fails it with `error`.
    private func abandon(_ transfer: Transfer, _ error: TransportError) {
        // The handle's address may already belong to a newer transfer, hence the identity check.
        guard let current = active[transfer.easy], current === transfer else { return }
        curl_multi_remove_handle(multi, transfer.easy)
        active[transfer.easy] = nil
        transfer.fail(error)
    }

    private func finishCompleted() {
        var queued: Int32 = 0
        while let message = curl_multi_info_read(multi, &queued) {
            guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle else { continue }
            // The message is freed by curl_multi_remove_handle, so copy what is needed first.
            let result = message.pointee.data.result
            guard let transfer = active.removeValue(forKey: easy) else { continue }
            curl_multi_remove_handle(multi, easy)
            transfer.complete(result)
        }
    }

    private static func shutDownError(_ url: String) -> TransportError {
        TransportError(kind: .cancelled, message: "the transport was shut down", url: url)
    }
}
