import CCurl
import Synchronization

/// One request in flight: its easy handle and everything libcurl points into, kept alive together.
///
/// ```swift
/// let transfer = Transfer(url: request.url)
/// try transfer.configure(request, configuration)   // or configure(smtp:_:)
/// transfer.waiter = continuation                    // then hand it to the TransferLoop
/// // after the continuation resumed: transfer.response(), then transfer.close()
/// ```
///
/// Ownership: the caller builds and configures it, then hands it to the loop thread through a mutex;
/// from then on only the loop thread (and libcurl's callbacks, which run on it) touch its state, until
/// the loop has taken the handle out of the multi handle and resumed the caller. Then the caller
/// owns it again: it builds the response from the raw bytes and frees the handle, the header list
/// and the body with ``close()``, on its own thread. The loop thread is what bounds the transport's
/// throughput, so it only collects bytes and a few numbers. The loop's dictionary keeps the object
/// alive while the handle is in the multi handle, so the `Unmanaged` pointer given to the callbacks
/// is always valid.
final class Transfer: @unchecked Sendable {
    let easy: UnsafeMutableRawPointer
    let url: String
    /// Set by task cancellation on any thread; the loop checks it before adding the handle.
    let cancelRequested = Atomic<Bool>(false)
    /// Who is waiting for this transfer; resumed exactly once, by ``complete(_:)`` or ``fail(_:)``.
    var waiter: UnsafeContinuation<Void, any Error>?
    /// Every header line libcurl delivered, CRLFs included, parsed by the caller after completion.
    private(set) var rawHeaders: [UInt8] = []
    private(set) var responseBody: [UInt8] = []
    /// What the loop read from the handle at completion: status (or SMTP reply code), HTTP version,
    /// local port and new connections.
    private(set) var finished = (code: 0, version: 0, localPort: 0, connects: 0)

    /// The request's own header lines; the last one links to the transport's shared defaults.
    private var headerList: UnsafeMutablePointer<curl_slist>?
    private var ownLastHeader: UnsafeMutablePointer<curl_slist>?
    /// What `CURLOPT_POSTFIELDS` points into: libcurl does not copy it.
    private var requestBody: UnsafeMutableRawBufferPointer?
    /// The message, recipient list and reply lines of an SMTP transfer (see `Transfer+SMTP.swift`).
    var smtp: SMTPState?
    /// `CURLOPT_ERRORBUFFER`: libcurl writes its detailed message here.
    let errorBuffer: UnsafeMutablePointer<CChar>
    private var closed = false

    /// A fresh easy handle for `url`, or nil when libcurl cannot make one (out of memory).
    init?(url: String) {
        guard let easy = curl_easy_init() else { return nil }
        self.easy = easy
        self.url = url
        errorBuffer = .allocate(capacity: Int(ccurl_error_size))
        errorBuffer.initialize(repeating: 0, count: Int(ccurl_error_size))
    }

    deinit { close() }

    /// Frees the handle and what it points into. Only once the handle is out of the multi handle:
    /// after the waiter resumed, or when the transfer never reached the loop.
    func close() {
        guard !closed else { return }
        closed = true
        curl_easy_cleanup(easy)
        // Only this transfer's lines: the shared tail belongs to the transport.
        if let ownLastHeader {
            ownLastHeader.pointee.next = nil
            curl_slist_free_all(headerList)
        }
        requestBody?.deallocate()
        errorBuffer.deallocate()
        smtp = nil
    }

    /// Sets every option for `request`; throws `.other` when libcurl rejects one (e.g. a bad URL scheme).
    func configure(
        _ request: HTTPRequest,
        _ configuration: TransportConfiguration,
        defaults: DefaultHeaderLists
    ) throws(TransportError) {
        let this = Unmanaged.passUnretained(self).toOpaque()
        try configureCommon(
            protocols: "http,https",
            timeout: request.timeout ?? configuration.requestTimeout,
            configuration
        )
        try check(
            ccurl_easy_setopt_write_function(easy) { data, size, count, box in
                Transfer.receive(body: data, size * count, box)
            }
        )
        try check(ccurl_easy_setopt_pointer(easy, CURLOPT_WRITEDATA, this))
        try check(
            ccurl_easy_setopt_header_function(easy) { data, size, count, box in
                Transfer.receive(header: data, size * count, box)
            }
        )
        try check(ccurl_easy_setopt_pointer(easy, CURLOPT_HEADERDATA, this))
        // HTTP/2 over TLS when the server offers it in ALPN, HTTP/1.1 otherwise.
        try check(ccurl_easy_setopt_long(easy, CURLOPT_HTTP_VERSION, Int(CURL_HTTP_VERSION_2TLS)))
        // Over TLS, wait for a connection still in its handshake to say (by ALPN) whether it multiplexes
        // rather than opening another beside it. Not for cleartext: there libcurl learns that only from
        // the first response, so one slow answer would hold back every other request to the host.
        if request.url.lowercased().hasPrefix("https:") {
            try check(ccurl_easy_setopt_long(easy, CURLOPT_PIPEWAIT, 1))
        }
        try configureMethod(request)
        try configureHeaders(request, defaults)
    }

    /// The options every protocol shares: URL, allowed schemes, timeouts, error buffer and CA file.
    func configureCommon(
        protocols: String,
        timeout: Duration,
        _ configuration: TransportConfiguration
    ) throws(TransportError) {
        try check(ccurl_easy_setopt_string(easy, CURLOPT_URL, url))
        try check(ccurl_easy_setopt_string(easy, CURLOPT_PROTOCOLS_STR, protocols))
        // Signals are process-wide; a multi-threaded program must not let libcurl use them for timeouts.
        try check(ccurl_easy_setopt_long(easy, CURLOPT_NOSIGNAL, 1))
        try check(ccurl_easy_setopt_pointer(easy, CURLOPT_ERRORBUFFER, errorBuffer))
        try check(ccurl_easy_setopt_long(easy, CURLOPT_TCP_KEEPALIVE, 1))
        try check(
            ccurl_easy_setopt_long(easy, CURLOPT_CONNECTTIMEOUT_MS, configuration.connectTimeout.curlMilliseconds)
        )
        try check(ccurl_easy_setopt_long(easy, CURLOPT_TIMEOUT_MS, timeout.curlMilliseconds))
        // Set even when empty: unset, libcurl would read the proxy variables again for every transfer.
        try check(ccurl_easy_setopt_string(easy, CURLOPT_PROXY, configuration.proxy.proxy(for: url)))
        try check(ccurl_easy_setopt_string(easy, CURLOPT_NOPROXY, configuration.proxy.noProxy))
        if let caFile = configuration.caFile {
            try check(ccurl_easy_setopt_string(easy, CURLOPT_CAINFO, caFile))
        }
    }

    private func configureMethod(_ request: HTTPRequest) throws(TransportError) {
        let method = request.method
        if method == .head {
            try check(ccurl_easy_setopt_long(easy, CURLOPT_NOBODY, 1))
            return
        }
        if method == .post || !request.body.isEmpty {
            // A POST always gets POSTFIELDS, even empty: without it libcurl would read the body from stdin.
            let body = UnsafeMutableRawBufferPointer.allocate(byteCount: max(1, request.body.count), alignment: 1)
            body.copyBytes(from: request.body)
            requestBody = body
            try check(ccurl_easy_setopt_long(easy, CURLOPT_POST, 1))
            try check(ccurl_easy_setopt_off_t(easy, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(request.body.count)))
            try check(ccurl_easy_setopt_pointer(easy, CURLOPT_POSTFIELDS, body.baseAddress))
        }
        if method != .get && method != .post {
            try check(ccurl_easy_setopt_string(easy, CURLOPT_CUSTOMREQUEST, method.rawValue))
        }
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

    func check(_ code: CURLcode) throws(TransportError) {
        guard code == CURLE_OK else { throw TransportError(curlCode: code, detail: "", url: url) }
    }

    // MARK: - Completion (loop thread)

    /// Reads what the caller will need from the handle and resumes it, or fails it with the error
    /// `code` stands for. SMTP refusals are answers, not errors (see `completeSMTP`).
    func complete(_ code: CURLcode) {
        if smtp != nil {
            completeSMTP(code)
            return
        }
        guard code == CURLE_OK else {
            fail(TransportError(curlCode: code, detail: String(cString: errorBuffer), url: url))
            return
        }
        recordFinish()
        resume()
    }

    func recordFinish() {
        finished = (
            info(CURLINFO_RESPONSE_CODE), info(CURLINFO_HTTP_VERSION), info(CURLINFO_LOCAL_PORT),
            info(CURLINFO_NUM_CONNECTS)
        )
    }

    func resume() {
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

    func info(_ name: CURLINFO) -> Int {
        var value = 0
        return ccurl_easy_getinfo_long(easy, name, &value) == CURLE_OK ? value : 0
    }

    // MARK: - libcurl callbacks (loop thread)

    private static func receive(
        body data: UnsafeMutablePointer<CChar>?,
        _ count: Int,
        _ box: UnsafeMutableRawPointer?
    ) -> Int {
        guard let data, let box, count > 0 else { return count }
        let transfer = Unmanaged<Transfer>.fromOpaque(box).takeUnretainedValue()
        transfer.responseBody.append(contentsOf: UnsafeRawBufferPointer(start: data, count: count))
        return count
    }

    private static func receive(
        header data: UnsafeMutablePointer<CChar>?,
        _ count: Int,
        _ box: UnsafeMutableRawPointer?
    ) -> Int {
        guard let data, let box, count > 0 else { return count }
        let transfer = Unmanaged<Transfer>.fromOpaque(box).takeUnretainedValue()
        if transfer.rawHeaders.isEmpty { transfer.rawHeaders.reserveCapacity(512) }
        transfer.rawHeaders.append(contentsOf: UnsafeRawBufferPointer(start: data, count: count))
        return count
    }
}
