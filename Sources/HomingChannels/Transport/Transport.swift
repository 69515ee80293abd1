/// Sends HTTP requests and SMTP messages through libcurl: one multi handle and one thread per
/// instance, many concurrent transfers, kept-alive SMTP sessions and HTTP connections, and (over
/// TLS, where offered) HTTP/2 multiplexing.
///
/// ```swift
/// let transport = try Transport(configuration: TransportConfiguration())
/// defer { transport.shutdown() }
/// let response = try await transport.send(
///     HTTPRequest(method: .post, url: "https://api.example.com/send", headers: ["Content-Type": "application/json"],
///                 body: #"{"to":"+33612345678"}"#)
/// )
/// print(response.status, response.bodyText)
/// ```
///
/// `send` suspends without blocking a thread of Swift's cooperative pool; all network work happens
/// on the transport's own thread. Make one transport per process (or per set of hosts with the same
/// limits) and share it: connections are reused only within one transport. Cancelling the calling
/// task abandons the transfer and throws `TransportError` of kind `.cancelled`. `shutdown()` (also
/// run on deinit) fails transfers in flight the same way and stops the thread.
///
/// A transport keeps the libcurl handles of finished requests (up to 256 idle per protocol, each
/// with libcurl's 16 KiB receive buffer, its parsed URL and the last response's header lines) and
/// reuses them for later ones: sharing one transport is also what makes a request cheap to set up.
///
/// SMTP goes through threads of its own (`configuration.smtpThreads`, started on first use):
/// libcurl (7.88 and 8.x) waits for the reply to the end of the data in a blocking loop on the
/// thread that drives the transfer, bounded by the message's timeout. On separate threads that wait
/// never stalls HTTP transfers, and several threads overlap it, which is what lets SMTP throughput
/// grow past one message per round trip.
public final class Transport: Sendable {
    public let configuration: TransportConfiguration
    private let loop: TransferLoop
    /// The HTTP loop's epoll set, for tests that watch how often it wakes.
    var socketEvents: SocketEvents { loop.events }
    /// The header lines the transport adds itself, shared by all transfers. A transfer lives within
    /// one `send`, which holds the transport, so these lists outlive every use of them.
    private let headerDefaults: DefaultHeaderLists
    /// SMTP's own loops; see `SMTPLoopPool` for why.
    let smtpLoops: SMTPLoopPool
    /// Idle easy handles, one pool per protocol: their fixed options differ.
    let httpHandles: EasyHandlePool
    let smtpHandles: EasyHandlePool

    public init(configuration: TransportConfiguration = TransportConfiguration()) throws(TransportError) {
        guard CurlGlobal.initialized else {
            throw TransportError(kind: .other, message: "curl_global_init failed", url: "")
        }
        self.configuration = configuration
        headerDefaults = try DefaultHeaderLists(userAgent: configuration.userAgent)
        loop = try TransferLoop(configuration: configuration)
        smtpLoops = SMTPLoopPool(configuration: configuration)
        httpHandles = EasyHandlePool(kind: .http, configuration: configuration, events: loop.events)
        smtpHandles = EasyHandlePool(kind: .smtp, configuration: configuration)
    }

    deinit { shutdown() }

    /// Sends `request` and returns the server's response, whatever its status.
    ///
    /// Throws ``TransportError`` when no response arrived: `.timeout`, `.connectionFailed`, `.tls`,
    /// `.cancelled` (task cancelled or transport shut down) or `.other`.
    public func send(_ request: HTTPRequest) async throws(TransportError) -> HTTPResponse {
        let transfer = try Transfer(url: request.url, pool: httpHandles)
        defer { transfer.close() }
        try transfer.configure(request, configuration, defaults: headerDefaults)
        try await perform(transfer, on: loop)
        return try transfer.response()
    }

    /// Hands a configured `transfer` to `loop` and waits until the loop has taken its handle out of
    /// the multi handle; cancelling the task abandons it. The caller then owns the transfer again.
    func perform(_ transfer: Transfer, on loop: TransferLoop) async throws(TransportError) {
        do {
            // Unsafe rather than checked: the loop resumes each transfer exactly once (`waiter` is
            // cleared under the loop's ownership), and the checked kind allocates a canary per send.
            try await withTaskCancellationHandler {
                try await withUnsafeThrowingContinuation { continuation in
                    transfer.waiter = continuation
                    loop.submit(transfer)
                }
            } onCancel: { [loop] in
                loop.cancel(transfer)
            }
        } catch let error as TransportError {
            throw error
        } catch {
            throw TransportError(kind: .other, message: "\(error)", url: transfer.url)
        }
    }

    /// Fails every transfer in flight with `.cancelled` and stops the transport's thread, waiting for
    /// it to exit. Later sends fail at once. Safe to call more than once and from any thread.
    public func shutdown() {
        loop.shutdown()
        smtpLoops.shutdown()
    }
}
