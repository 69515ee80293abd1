/// Idle easy handles of one kind, handed out to requests and taken back when their transfer
/// succeeded, so a busy transport sets up a handle once per concurrent request instead of once per
/// request.
///
/// ```swift
/// let pool = EasyHandlePool(kind: .http, configuration: configuration)
/// let handle = try pool.take()     // an idle handle, or a new one
/// // … one transfer …
/// pool.recycle(handle)             // only after it left the multi handle, and only if it succeeded
/// ```
///
/// Callers take and recycle on their own threads, never on the transfer loop's, which is what bounds
/// the transport's throughput. A handle is recycled only after a transfer that ended with
/// `CURLE_OK`: after a failure, a timeout or a cancellation it is cleaned up, so no half-finished
/// state can reach the next request. At most ``capacity`` handles stay idle; each keeps libcurl's
/// receive buffer (16 KiB, plus 64 KiB for SMTP uploads) while it waits.
final class EasyHandlePool: Sendable {
    /// How many idle handles are kept; more than the usual number of requests in flight.
    static let capacity = 256

    let kind: EasyHandle.Kind
    private let configuration: TransportConfiguration
    /// The epoll set of the one loop this pool's handles run on, if they report their sockets.
    private let events: SocketEvents?
    private let idle = Locked<[EasyHandle]>([])
    /// How many handles this pool has made: tests check that requests reuse them.
    private let made = Locked(0)

    /// With `events`, every handle reports its connections' sockets to that loop's epoll set
    /// (``SocketEvents``), so its handles must only run on that loop.
    init(kind: EasyHandle.Kind, configuration: TransportConfiguration, events: SocketEvents? = nil) {
        self.kind = kind
        self.configuration = configuration
        self.events = events
    }

    /// The handles made so far, recycled or not.
    var handlesMade: Int { made.withLock { $0 } }

    /// The most recently recycled handle (its memory is likeliest still in cache), or a new one.
    func take() throws(TransportError) -> EasyHandle {
        if let handle = idle.withLock({ $0.popLast() }) { return handle }
        let handle = try EasyHandle(kind: kind, configuration, events: events)
        made.withLock { $0 += 1 }
        return handle
    }

    /// Keeps `handle` for a later request, or lets it go (which cleans it up) when enough are idle.
    /// The handle must be out of every multi handle.
    func recycle(_ handle: EasyHandle) {
        idle.withLock { idle in
            guard idle.count < Self.capacity else { return }
            idle.append(handle)
        }
    }
}
