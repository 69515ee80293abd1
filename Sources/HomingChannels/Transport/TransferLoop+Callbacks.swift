import CCurl
import Glibc

extension TransferLoop {
    /// Points libcurl's socket and timer callbacks at this loop. The pointer is unretained: the
    /// multi handle is cleaned up on the loop thread, which holds the loop until it exits.
    func installCallbacks() {
        let this = Unmanaged.passUnretained(self).toOpaque()
        _ = ccurl_multi_setopt_socket_function(multi) { _, socket, what, context, _ in
            guard let context else { return -1 }
            let loop = Unmanaged<TransferLoop>.fromOpaque(context).takeUnretainedValue()
            return loop.socketChanged(socket, what: what)
        }
        _ = ccurl_multi_setopt_pointer(multi, CURLMOPT_SOCKETDATA, this)
        _ = ccurl_multi_setopt_timer_function(multi) { _, milliseconds, context in
            guard let context else { return -1 }
            let loop = Unmanaged<TransferLoop>.fromOpaque(context).takeUnretainedValue()
            loop.timerDeadline = milliseconds < 0 ? nil : TransferLoop.now() + Int64(milliseconds)
            return 0
        }
        _ = ccurl_multi_setopt_pointer(multi, CURLMOPT_TIMERDATA, this)
    }

    /// `CURLMOPT_SOCKETFUNCTION`: libcurl wants `socket` watched for `what`, or forgotten.
    /// ``SocketEvents`` knows what is in its epoll set.
    private func socketChanged(_ socket: curl_socket_t, what: Int32) -> Int32 {
        if what == ccurl_poll_remove {
            events.unwatch(socket)
            return 0
        }
        // -1 fails the transfers on this socket rather than leaving them waiting for an event.
        return events.watch(socket, what: what) ? 0 : -1
    }

    /// Monotonic milliseconds, the unit of libcurl's timer.
    static func now() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Int64(time.tv_sec) * 1000 + Int64(time.tv_nsec) / 1_000_000
    }
}
