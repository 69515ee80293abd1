import CCurl
import Synchronization

/// One request in flight: the easy handle it borrowed and everything libcurl points into, kept alive
/// together.
///
/// ```swift
/// let transfer = try Transfer(url: request.url, pool: httpHandles)
/// try transfer.configure(request, configuration, defaults: defaults)   // or configure(smtp:_:)
/// transfer.waiter = continuation                                        // then hand it to the TransferLoop
/// // after the continuation resumed: try transfer.response(), then transfer.close()
/// ```
///
/// Ownership: the caller builds and configures it, then hands it to the loop thread through a mutex;
/// from then on only the loop thread (and libcurl's callbacks, which run on it) touch its state, until
/// the loop has taken the handle out of the multi handle, stored libcurl's result and resumed the
/// caller. Then the caller owns it again: it reads the status and timings from the handle, builds
/// the response from the raw bytes, frees the header list and the body and gives the handle back to
/// its pool with ``close()``, all on its own thread. The loop thread is what bounds the transport's
/// throughput, so it only collects bytes. The loop's dictionary keeps the object alive while the
/// handle is in the multi handle, so the `Unmanaged` pointer given to the callbacks is always valid.
final class Transfer: @unchecked Sendable {
    let handle: EasyHandle
    private let pool: EasyHandlePool
    var easy: UnsafeMutableRawPointer { handle.easy }
    let url: String
    /// Set by task cancellation on any thread; the loop checks it before adding the handle.
    let cancelRequested = Atomic<Bool>(false)
    /// Who is waiting for this transfer; resumed exactly once, by ``complete(_:)`` or ``fail(_:)``.
    /// This and `result` change hands with the transfer (see above), never touched by two threads
    /// at once, so they skip the runtime's exclusivity checks, which cost the loop thread per message.
    @exclusivity(unchecked) var waiter: UnsafeContinuation<Void, any Error>?
    private(set) var responseBody: [UInt8] = []
    /// libcurl's result for the transfer, stored by the loop when it finished; nil when it never
    /// ran to the end (cancelled, shut down, or never started).
    @exclusivity(unchecked) private(set) var result: CURLcode?

    /// The request's own header lines; the last one links to the transport's shared defaults.
    private var headerList: UnsafeMutablePointer<curl_slist>?
    private var ownLastHeader: UnsafeMutablePointer<curl_slist>?
    /// What `CURLOPT_POSTFIELDS` points into: libcurl does not copy it.
    private var requestBody: UnsafeMutableRawBufferPointer?
    /// The message, recipient list and reply lines of an SMTP transfer (see `Transfer+SMTP.swift`).
    var smtp: SMTPState?
    private var closed = false

    /// A transfer to `url` on a handle from `pool`; throws `.other` when libcurl cannot make one.
    init(url: String, pool: EasyHandlePool) throws(TransportError) {
        do throws(TransportError) {
            handle = try pool.take()
            try handle.begin(url: url)
        } catch {
            throw TransportError(kind: error.kind, message: error.message, url: url)
        }
        self.pool = pool
        self.url = url
    }

    deinit { close() }

    /// Frees what the handle points into and gives the handle back to its pool if the transfer
    /// succeeded (otherwise it is cleaned up with this object). Only once the handle is out of the
    /// multi handle: after the waiter resumed, or when the transfer never reached the loop.
    func close() {
        guard !closed else { return }
        closed = true
        // Only this transfer's lines: the shared tail belongs to the transport.
        if let ownLastHeader {
            ownLastHeader.pointee.next = nil
            curl_slist_free_all(headerList)
        }
        requestBody?.deallocate()
        smtp = nil
        if result == CURLE_OK { pool.recycle(handle) }
    }

    /// Sets the options of `request` that the handle does not hold yet; throws `.other` when libcurl
    /// rejects one.
    func configure(
        _ request: HTTPRequest,
        _ configuration: TransportConfiguration,
        defaults: DefaultHeaderLists
    ) throws(TransportError) {
        let this = Unmanaged.passUnretained(self).toOpaque()
        try configureCommon(timeout: request.timeout ?? configuration.requestTimeout, configuration)
        try check(ccurl_easy_setopt_pointer(easy, CURLOPT_WRITEDATA, this))
        try check(ccurl_easy_setopt_pointer(easy, CURLOPT_HEADERDATA, this))
        // Over TLS, wait for a connection still in its handshake to say (by ALPN) whether it multiplexes
        // rather than opening another beside it. Not for cleartext: there libcurl learns that only from
        // the first response, so one slow answer would hold back every other request to the host.
        try handle.setPipeWait(Self.isHTTPS(request.url))
        try configureMethod(request)
        try configureHeaders(request, defaults)
    }

    /// The per-request options every protocol shares: the timeout and the proxy for this URL.
    func configureCommon(timeout: Duration, _ configuration: TransportConfiguration) throws(TransportError) {
        try handle.setTimeout(milliseconds: timeout.curlMilliseconds)
        try handle.setProxy(configuration.proxy.proxy(for: url))
    }

    private static func isHTTPS(_ url: String) -> Bool {
        var bytes = url.utf8.makeIterator()
        for expected in "https:".utf8 {
            guard let byte = bytes.next(), byte | 0x20 == expected | 0x20 else { return false }
        }
        return true
    }

    private func configureMethod(_ request: HTTPRequest) throws(TransportError) {
        let method = request.method
        let hasBody = method == .post || !request.body.isEmpty
        switch method {
        case .head: try handle.setMethod(.head)
        case .get where !hasBody: try handle.setMethod(.get)
        case .post: try handle.setMethod(.post)
        default: try handle.setMethod(.custom(method.rawValue, body: hasBody))
        }
        guard hasBody, method != .head else { return }
        // A POST always gets POSTFIELDS, even empty: without it libcurl would read the body from stdin.
        let body = UnsafeMutableRawBufferPointer.allocate(byteCount: max(1, request.body.count), alignment: 1)
        body.copyBytes(from: request.body)
        requestBody = body
        try check(ccurl_easy_setopt_off_t(easy, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(request.body.count)))
        try check(ccurl_easy_setopt_pointer(easy, CURLOPT_POSTFIELDS, body.baseAddress))
    }

    private func configureHeaders(_ request: HTTPRequest, _ defaults: DefaultHeaderLists) throws(TransportError) {
        var own: UnsafeMutablePointer<curl_slist>?
        var last: UnsafeMutablePointer<curl_slist>?
        for field in request.headers {
            // "Name;" is libcurl's spelling of a header with an empty value; "Name:" would remove it.
            let line = field.value.isEmpty ? "\(field.name);" : "\(field.name): \(field.value)"
            // Appending to the last node, not the head: curl_slist_append walks the whole list.
            guard let appended = curl_slist_append(last, line) else {
                curl_slist_free_all(own)
                throw TransportError(kind: .other, message: "out of memory building the header list", url: url)
            }
            last = last?.pointee.next ?? appended
            if own == nil { own = appended }
        }
        let tail = defaults.tail(
            expect: !request.headers.contains("Expect"),
            contentType: !request.headers.contains("Content-Type"),
            userAgent: !request.headers.contains("User-Agent")
        )
        if let last {
            last.pointee.next = tail
            headerList = own
            ownLastHeader = last
        } else {
            headerList = tail
        }
        try check(ccurl_easy_setopt_slist(easy, CURLOPT_HTTPHEADER, headerList))
    }

    func check(_ code: CURLcode) throws(TransportError) { try handle.check(code) }

    // MARK: - Completion (loop thread)

    /// Stores libcurl's result and resumes the caller, which interprets it on its own thread.
    func complete(_ code: CURLcode) {
        result = code
        let waiter = self.waiter
        self.waiter = nil
        waiter?.resume()
    }

    /// Resumes the caller with `error`; later calls do nothing.
    func fail(_ error: TransportError) {
        let waiter = self.waiter
        self.waiter = nil
        waiter?.resume(throwing: error)
    }

    // MARK: - libcurl callbacks (loop thread)

    static func receive(
        body data: UnsafeMutablePointer<CChar>?,
        _ count: Int,
        _ box: UnsafeMutableRawPointer?
    ) -> Int {
        guard let data, let box, count > 0 else { return count }
        let transfer = Unmanaged<Transfer>.fromOpaque(box).takeUnretainedValue()
        transfer.responseBody.append(contentsOf: UnsafeRawBufferPointer(start: data, count: count))
        return count
    }

    static func receive(
        header data: UnsafeMutablePointer<CChar>?,
        _ count: Int,
        _ box: UnsafeMutableRawPointer?
    ) -> Int {
        guard let data, let box, count > 0 else { return count }
        // The handle's storage, parsed by the caller after completion (``response()``).
        Unmanaged<Transfer>.fromOpaque(box).takeUnretainedValue().handle.receivedHeaders.append(data, count: count)
        return count
    }
}
