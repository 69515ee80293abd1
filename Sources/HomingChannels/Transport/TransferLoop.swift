import CCurl
import Foundation

/// The one curl multi handle of a ``Transport`` and the one thread that drives it.
///
/// ```swift
/// let loop = try TransferLoop(configuration: configuration)
/// loop.submit(transfer)   // any thread; the transfer's continuation resumes on completion
/// loop.shutdown()         // fails what is in flight, joins the thread
/// ```
///
/// A multi handle is not thread-safe, so only the loop thread calls into it, with one exception:
/// `curl_multi_wakeup`, which libcurl documents as callable from any thread. Other threads talk to the
/// loop through `inbox` and wake it; `curl_multi_wakeup` is only called under the inbox lock while
/// `stopping` is false, so it never races with `curl_multi_cleanup`, which the loop thread runs after
/// it has seen `stopping`.
final class TransferLoop: @unchecked Sendable {
    private struct Inbox {
        var added: [Transfer] = []
        var cancelled: [Transfer] = []
        var stopping = false
    }

    private let inbox = Locked(Inbox())
    private let multi: UnsafeMutableRawPointer
    /// Transfers whose easy handle is in the multi handle. Loop thread only.
    private var active: [UnsafeMutableRawPointer: Transfer] = [:]
    private var thread = pthread_t()
    /// Whether the thread has been joined; held while joining so a second `shutdown` waits too.
    private let joined = Locked(false)

    init(configuration: TransportConfiguration) throws(TransportError) {
        guard let multi = curl_multi_init() else {
            throw TransportError(kind: .other, message: "curl_multi_init failed", url: "")
        }
        self.multi = multi
        // Several transfers share one HTTP/2 connection where the server offers it.
        _ = ccurl_multi_setopt_long(multi, CURLMOPT_PIPELINING, ccurl_pipe_multiplex)
        _ = ccurl_multi_setopt_long(multi, CURLMOPT_MAX_HOST_CONNECTIONS, max(1, configuration.maxConnectionsPerHost))
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
        let accepted = inbox.withLock { inbox in
            guard !inbox.stopping else { return false }
            inbox.added.append(transfer)
            curl_multi_wakeup(multi)
            return true
        }
        if !accepted { transfer.fail(Self.shutDownError(transfer.url)) }
    }

    /// Asks the loop to abandon `transfer`; its caller resumes with a `.cancelled` error.
    func cancel(_ transfer: Transfer) {
        transfer.cancelRequested.store(true, ordering: .sequentiallyConsistent)
        inbox.withLock { inbox in
            guard !inbox.stopping else { return }
            inbox.cancelled.append(transfer)
            curl_multi_wakeup(multi)
        }
    }

    /// Fails every pending transfer with `.cancelled`, frees the multi handle and joins the thread.
    func shutdown() {
        inbox.withLock { inbox in
            guard !inbox.stopping else { return }
            inbox.stopping = true
            curl_multi_wakeup(multi)
        }
        joined.withLock { joined in
            guard !joined, pthread_equal(pthread_self(), thread) == 0 else { return }
            pthread_join(thread, nil)
            joined = true
        }
    }

    // MARK: - Loop thread

    private func run() {
        while true {
            let (added, cancelled, stopping) = inbox.withLock { inbox in
                defer {
                    inbox.added = []
                    inbox.cancelled = []
                }
                return (inbox.added, inbox.cancelled, inbox.stopping)
            }
            for transfer in added { start(transfer, stopping: stopping) }
            if stopping { break }
            for transfer in cancelled {
                abandon(transfer, TransportError(kind: .cancelled, message: "cancelled", url: transfer.url))
            }
            var running: Int32 = 0
            _ = curl_multi_perform(multi, &running)
            finishCompleted()
            // Returns on socket activity, a libcurl timer, a wakeup, or after a second at most.
            _ = curl_multi_poll(multi, nil, 0, 1000, nil)
        }
        for transfer in Array(active.values) { abandon(transfer, Self.shutDownError(transfer.url)) }
        curl_multi_cleanup(multi)
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
