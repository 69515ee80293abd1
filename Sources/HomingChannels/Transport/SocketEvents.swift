import CCurl
import Glibc

/// The epoll set a ``TransferLoop`` sleeps on: the sockets libcurl asks it to watch, plus an
/// eventfd other threads write to wake it.
///
/// ```swift
/// let events = try SocketEvents()
/// events.watch(socket, what: CURL_POLL_IN, known: false)   // from CURLMOPT_SOCKETFUNCTION
/// let count = events.wait(timeoutMilliseconds: 1000)        // loop thread
/// for index in 0..<count { let (socket, bits) = events.ready(at: index) … }
/// events.wake()                                              // any thread
/// ```
///
/// Why epoll rather than `curl_multi_poll`: `curl_multi_poll` and `curl_multi_perform` visit every
/// transfer of the multi handle on each wake-up (collecting its sockets, then polling each one
/// again), so with 64 transfers in flight one ready socket costs 64 visits and a `poll` over all of
/// them. With `curl_multi_socket_action` libcurl touches only the transfer whose socket is ready.
///
/// Only the loop thread calls `watch`, `unwatch` and `wait`; `wake` is safe from any thread. Both
/// descriptors close in `deinit`, so a `wake` racing with the loop's exit still writes to the right
/// eventfd as long as the caller holds the owner.
final class SocketEvents: @unchecked Sendable {
    static let capacity = 64
    private let epoll: Int32
    private let wakeFD: Int32
    private let readyFDs: UnsafeMutablePointer<Int32>
    private let readyBits: UnsafeMutablePointer<Int32>

    init() throws(TransportError) {
        epoll = epoll_create1(ccurl_epoll_cloexec)
        wakeFD = eventfd(0, ccurl_eventfd_flags)
        guard epoll >= 0, wakeFD >= 0, ccurl_epoll_watch(epoll, wakeFD, Int32(CURL_POLL_IN), 0) == 0 else {
            let error = errno
            if epoll >= 0 { close(epoll) }
            if wakeFD >= 0 { close(wakeFD) }
            throw TransportError(
                kind: .other,
                message: "cannot set up epoll for the transfer thread (errno \(error))",
                url: ""
            )
        }
        readyFDs = .allocate(capacity: Self.capacity)
        readyBits = .allocate(capacity: Self.capacity)
    }

    deinit {
        close(epoll)
        close(wakeFD)
        readyFDs.deallocate()
        readyBits.deallocate()
    }

    /// Watches `socket` for `what` (`CURL_POLL_IN`, `_OUT` or `_INOUT`); `known` says whether it
    /// is already watched. Returns false (errno set) when epoll refuses.
    func watch(_ socket: Int32, what: Int32, known: Bool) -> Bool {
        ccurl_epoll_watch(epoll, socket, what, known ? 1 : 0) == 0
    }

    func unwatch(_ socket: Int32) { ccurl_epoll_unwatch(epoll, socket) }

    /// Sleeps until a watched socket is ready, `wake()` is called, or `timeoutMilliseconds` pass
    /// (-1: no limit). Returns how many sockets are ready; the wake-up itself is consumed here and
    /// not counted.
    func wait(timeoutMilliseconds: Int32) -> Int {
        let count = Int(ccurl_epoll_wait(epoll, readyFDs, readyBits, Int32(Self.capacity), timeoutMilliseconds))
        guard count > 0 else { return 0 }
        var sockets = 0
        for index in 0..<count {
            if readyFDs[index] == wakeFD {
                var value: UInt64 = 0
                _ = read(wakeFD, &value, MemoryLayout<UInt64>.size)
            } else {
                readyFDs[sockets] = readyFDs[index]
                readyBits[sockets] = readyBits[index]
                sockets += 1
            }
        }
        return sockets
    }

    /// The `index`th ready socket of the last `wait` and its `CURL_CSELECT_*` bits.
    func ready(at index: Int) -> (socket: Int32, bits: Int32) { (readyFDs[index], readyBits[index]) }

    /// Makes the loop thread's current or next `wait` return.
    func wake() {
        var one: UInt64 = 1
        _ = write(wakeFD, &one, MemoryLayout<UInt64>.size)
    }
}
