import CCurl
import Glibc
import Synchronization

/// The epoll set a ``TransferLoop`` sleeps on: the sockets libcurl asks it to watch, plus an
/// eventfd other threads write to wake it.
///
/// ```swift
/// let events = try SocketEvents()
/// events.watch(socket, what: CURL_POLL_IN)                 // from CURLMOPT_SOCKETFUNCTION
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
/// Connection sockets stay in the epoll set while libcurl has them idle in its connection cache:
/// libcurl says "remove" when a transfer ends and "watch for input" when the next one reuses the
/// connection, and doing that with `epoll_ctl` was 1.5 system calls per HTTP message. A socket
/// counts as a connection socket from `opened` (libcurl's `CURLOPT_SOCKOPTFUNCTION`) until
/// `closing` (its `CURLOPT_CLOSESOCKETFUNCTION`), so the table never outlives the descriptor: a
/// number that comes back for another socket (a resolver's socket pair, say) starts unregistered.
/// An idle socket that reports an event anyway (the server closed it) is taken out then.
///
/// Only the loop thread calls `watch`, `unwatch`, `opened`, `closing` and `wait`; `wake` is safe
/// from any thread. Both descriptors close in `deinit`, so a `wake` racing with the loop's exit
/// still writes to the right eventfd as long as the caller holds the owner.
final class SocketEvents: @unchecked Sendable {
    static let capacity = 64
    private let epoll: Int32
    private let wakeFD: Int32
    private let readyFDs: UnsafeMutablePointer<Int32>
    private let readyBits: UnsafeMutablePointer<Int32>
    /// Per descriptor number: the `Registration` bits. Loop thread only.
    private var registrations: [UInt8] = []
    /// How many `wait`s returned with news: a socket that reports ready forever shows as a spin here.
    let wakeUps = Atomic<Int>(0)

    /// What the loop knows about one descriptor; the low two bits are the `CURL_POLL_*` events
    /// it is registered for.
    private enum Registration {
        static let events: UInt8 = 0b11
        static let inSet: UInt8 = 0b100
        static let connection: UInt8 = 0b1000
        /// In the set, but libcurl asked for it to be removed: its connection is idle.
        static let idle: UInt8 = 0b1_0000
    }

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

    /// Watches `socket` for `what` (`CURL_POLL_IN`, `_OUT` or `_INOUT`), with no system call when
    /// it is still registered for exactly that. Returns false (errno set) when epoll refuses.
    func watch(_ socket: Int32, what: Int32) -> Bool {
        let state = registration(socket)
        let events = UInt8(truncatingIfNeeded: what) & Registration.events
        if state & Registration.inSet == 0 || state & Registration.events != events {
            guard ccurl_epoll_watch(epoll, socket, what, state & Registration.inSet == 0 ? 0 : 1) == 0 else {
                return false
            }
        }
        setRegistration(socket, (state & Registration.connection) | Registration.inSet | events)
        return true
    }

    /// libcurl no longer needs `socket`: a connection socket stays registered while it is idle,
    /// anything else leaves the set.
    func unwatch(_ socket: Int32) {
        let state = registration(socket)
        if state & Registration.connection != 0, state & Registration.inSet != 0 {
            setRegistration(socket, state | Registration.idle)
        } else {
            ccurl_epoll_unwatch(epoll, socket)
            setRegistration(socket, state & Registration.connection)
        }
    }

    /// libcurl made `socket` for a connection; whatever the number meant before is gone.
    func opened(_ socket: Int32) { setRegistration(socket, Registration.connection) }

    /// libcurl is about to close `socket`. Closing drops it from the epoll set only when no other
    /// descriptor (say, one a child process inherited) still refers to the socket; an explicit removal,
    /// once per connection, keeps a stale registration from reporting under a reused number.
    func closing(_ socket: Int32) {
        if registration(socket) & Registration.inSet != 0 { ccurl_epoll_unwatch(epoll, socket) }
        setRegistration(socket, 0)
    }

    private func registration(_ socket: Int32) -> UInt8 {
        Int(socket) < registrations.count && socket >= 0 ? registrations[Int(socket)] : 0
    }

    private func setRegistration(_ socket: Int32, _ state: UInt8) {
        guard socket >= 0 else { return }
        let index = Int(socket)
        if index >= registrations.count {
            guard state != 0 else { return }
            registrations += repeatElement(0, count: max(64, index + 1 - registrations.count))
        }
        registrations[index] = state
    }

    /// Sleeps until a watched socket is ready, `wake()` is called, or `timeoutMilliseconds` pass
    /// (-1: no limit). Returns how many sockets are ready; the wake-up itself is consumed here and
    /// not counted.
    func wait(timeoutMilliseconds: Int32) -> Int {
        let count = Int(ccurl_epoll_wait(epoll, readyFDs, readyBits, Int32(Self.capacity), timeoutMilliseconds))
        guard count > 0 else { return 0 }
        wakeUps.add(1, ordering: .relaxed)
        var sockets = 0
        for index in 0..<count {
            let socket = readyFDs[index]
            if socket == wakeFD {
                var value: UInt64 = 0
                _ = read(wakeFD, &value, MemoryLayout<UInt64>.size)
            } else if registration(socket) & Registration.idle != 0 {
                // An idle connection with news (usually the server closing it): stop watching it.
                // libcurl finds it dead when a transfer next looks at it.
                ccurl_epoll_unwatch(epoll, socket)
                setRegistration(socket, Registration.connection)
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
