import CCurl
import Synchronization

/// One request in flight: its easy handle and everything libcurl points into, kept alive together.
///
/// ```swift
/// let transfer = Transfer(url: request.url)
/// try transfer.configure(request, configuration)   // or configure(smtp:_:)
/// transfer.waiter = .http(continuation)             // then hand it to the TransferLoop
/// ```
///
/// Ownership: the caller builds and configures it, then hands it to the loop thread through a mutex;
/// from then on only the loop thread (and libcurl's callbacks, which run on it) touch its state. The
/// loop's dictionary keeps it alive while the handle is in the multi handle, so the `Unmanaged`
/// pointer given to the callbacks is always valid. The handle, the header list, the body and the
/// SMTP upload are freed in `deinit`, after the handle has left the multi handle.
final class Transfer: @unchecked Sendable {
    let easy: UnsafeMutableRawPointer
    let url: String
    /// Set by task cancellation on any thread; the loop checks it before adding the handle.
    let cancelRequested = Atomic<Bool>(false)
    /// Who is waiting for this transfer, and for which kind of response.
    enum Waiter {
        case http(CheckedContinuation<HTTPResponse, any Error>)
        case smtp(CheckedContinuation<SMTPResponse, any Error>)
    }

    var waiter: Waiter?
    private(set) var responseHeaders = HTTPHeaders()
    private(set) var responseBody: [UInt8] = []

    private var headerList: UnsafeMutablePointer<curl_slist>?
    /// What `CURLOPT_POSTFIELDS` points into: libcurl does not copy it.
    private var requestBody: UnsafeMutableRawBufferPointer?
    /// The message, recipient list and reply lines of an SMTP transfer (see `Transfer+SMTP.swift`).
    var smtp: SMTPState?
    /// `CURLOPT_ERRORBUFFER`: libcurl writes its detailed message here.
    let errorBuffer: UnsafeMutablePointer<CChar>

    /// A fresh easy handle for `url`, or nil when libcurl cannot make one (out of memory).
    init?(url: String) {
        guard let easy = curl_easy_init() else { return nil }
        self.easy = easy
        self.url = url
        errorBuffer = .allocate(capacity: Int(ccurl_error_size))
        errorBuffer.initialize(repeating: 0, count: Int(ccurl_error_size))
    }

    deinit {
        curl_easy_cleanup(easy)
        curl_slist_free_all(headerList)
        requestBody?.deallocate()
        errorBuffer.deallocate()
    }

    /// Sets every option for `request`; throws `.other` when libcurl rejects one (e.g. a bad URL scheme).
    func configure(_ request: HTTPRequest, _ configuration: TransportConfiguration) throws(TransportError) {
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
        try configureHeaders(request, configuration)
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

    private func configureHeaders(
        _ request: HTTPRequest,
        _ configuration: TransportConfiguration
    ) throws(TransportError) {
        var lines = request.headers.map { field in
            // "Name;" is libcurl's spelling of a header with an empty value; "Name:" would remove it.
            field.value.isEmpty ? "\(field.name);" : "\(field.name): \(field.value)"
        }
        // "Name:" removes a header libcurl would add on its own.
        if !request.headers.contains("Expect") { lines.append("Expect:") }
        if !request.headers.contains("Content-Type") { lines.append("Content-Type:") }
        if !request.headers.contains("User-Agent") { lines.append("User-Agent: \(configuration.userAgent)") }
        for line in lines {
            guard let appended = curl_slist_append(headerList, line) else {
                throw TransportError(kind: .other, message: "out of memory building the header list", url: url)
            }
            headerList = appended
        }
        try check(ccurl_easy_setopt_slist(easy, CURLOPT_HTTPHEADER, headerList))
    }

    func check(_ code: CURLcode) throws(TransportError) {
        guard code == CURLE_OK else { throw TransportError(curlCode: code, detail: "", url: url) }
    }

    // MARK: - Completion (loop thread)

    /// Resumes the caller with the response, or with the error `code` stands for.
    func complete(_ code: CURLcode) {
        if case .smtp = waiter {
            completeSMTP(code)
            return
        }
        guard code == CURLE_OK else {
            fail(TransportError(curlCode: code, detail: String(cString: errorBuffer), url: url))
            return
        }
        guard case .http(let continuation) = waiter else { return }
        waiter = nil
        continuation.resume(returning: response())
    }

    /// Resumes the caller with `error`; later calls do nothing.
    func fail(_ error: TransportError) {
        let waiter = self.waiter
        self.waiter = nil
        switch waiter {
        case .http(let continuation): continuation.resume(throwing: error)
        case .smtp(let continuation): continuation.resume(throwing: error)
        case nil: break
        }
    }

    private func response() -> HTTPResponse {
        HTTPResponse(
            status: info(CURLINFO_RESPONSE_CODE),
            headers: responseHeaders,
            body: responseBody,
            version: version(info(CURLINFO_HTTP_VERSION)),
            connection: HTTPResponse.Connection(
                localPort: info(CURLINFO_LOCAL_PORT),
                reused: info(CURLINFO_NUM_CONNECTS) == 0
            )
        )
    }

    func info(_ name: CURLINFO) -> Int {
        var value = 0
        return ccurl_easy_getinfo_long(easy, name, &value) == CURLE_OK ? value : 0
    }

    private func version(_ code: Int) -> HTTPVersion {
        switch code {
        case Int(CURL_HTTP_VERSION_1_0): return .http1_0
        case Int(CURL_HTTP_VERSION_1_1): return .http1_1
        case Int(CURL_HTTP_VERSION_2_0): return .http2
        case Int(CURL_HTTP_VERSION_3): return .http3
        default: return .unknown
        }
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
        transfer.receive(headerLine: UnsafeRawBufferPointer(start: data, count: count))
        return count
    }

    /// One raw header line, CRLF included; a status line starts a new header block (after `100 Continue`
    /// or a redirect), so only the final response's fields remain. Works on bytes, not `Character`s:
    /// this runs for every header line of every response on the loop thread.
    private func receive(headerLine raw: UnsafeRawBufferPointer) {
        let isBlank: (UInt8) -> Bool = { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
        var end = raw.count
        while end > 0, raw[end - 1] == UInt8(ascii: "\n") || raw[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        let line = UnsafeRawBufferPointer(rebasing: raw[0..<end])
        guard let first = line.first else { return }
        if line.starts(with: "HTTP/".utf8) {
            responseHeaders = HTTPHeaders()
        } else if isBlank(first), let last = responseHeaders.fields.last {
            // An obsolete folded continuation line (RFC 9112 §5.2) belongs to the previous field.
            responseHeaders.replaceLast(value: last.value + " " + Self.trimmed(line[...], isBlank))
        } else if let colon = line.firstIndex(of: UInt8(ascii: ":")) {
            let name = String(decoding: line[..<colon], as: UTF8.self)
            responseHeaders.add(name, Self.trimmed(line[(colon + 1)...], isBlank))
        }
    }

    private static func trimmed(_ bytes: Slice<UnsafeRawBufferPointer>, _ isBlank: (UInt8) -> Bool) -> String {
        guard let start = bytes.firstIndex(where: { !isBlank($0) }) else { return "" }
        let last = bytes.lastIndex(where: { !isBlank($0) })!
        return String(decoding: bytes[start...last], as: UTF8.self)
    }
}
