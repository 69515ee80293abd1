import CCurl
import Glibc

/// A libcurl easy handle that carries many transfers, one after the other: the options that are the
/// same for every request of its kind are set once, and the per-request ones only when they differ
/// from what the previous request left.
///
/// ```swift
/// let handle = try EasyHandle(kind: .http, configuration)   // usually from an EasyHandlePool
/// try handle.begin(url: "https://api.example.com/send")
/// try handle.setTimeout(milliseconds: 30_000)                // skipped if already 30 s
/// // set body, headers and the callbacks' data pointers, run the transfer, then reuse it
/// ```
///
/// Why not a fresh handle per request, or `curl_easy_reset`: both make libcurl allocate and set
/// up a handle (`curl_easy_init` + `curl_easy_cleanup` were ~7% of the HTTP bench's client
/// samples) and set every option again. What a caller must know: anything one request set that the
/// next must not inherit (`NOBODY`, `POST`, `CUSTOMREQUEST`, `PIPEWAIT`, SMTP credentials) is undone
/// through the setters here, which remember what the handle holds. The pointers given to
/// `CURLOPT_HTTPHEADER`, `CURLOPT_POSTFIELDS`, `CURLOPT_MAIL_RCPT`, `CURLOPT_WRITEDATA`,
/// `CURLOPT_HEADERDATA` and `CURLOPT_READDATA` dangle while the handle is idle; libcurl reads them
/// only during a transfer, and every request sets its own.
final class EasyHandle: @unchecked Sendable {
    /// Which protocol a handle is set up for: its callbacks and allowed schemes differ.
    enum Kind: Sendable {
        case http
        case smtp
    }

    /// What the request method options say, as the last request left them.
    enum Method: Equatable {
        case get
        case head
        case post
        /// `CURLOPT_CUSTOMREQUEST` over a GET (no body) or over a POST (with a body).
        case custom(String, body: Bool)
    }

    let easy: UnsafeMutableRawPointer
    let kind: Kind
    /// `CURLOPT_ERRORBUFFER`: libcurl writes its detailed message here when a transfer fails.
    let errorBuffer: UnsafeMutablePointer<CChar>

    /// The HTTP response's header lines, CRLFs included, as libcurl delivered them; cleared by
    /// ``begin(url:)``.
    let receivedHeaders = ReceivedBytes()
    /// The current request's URL, for error messages.
    private(set) var url = ""
    /// `CURLOPT_CURLU`: the URL parsed for libcurl, on the caller's thread (see ``begin(url:)``).
    private let parsedURL: OpaquePointer
    /// The URL `parsedURL` holds; nil until one parsed.
    private var parsedFrom: String?
    private var timeoutMilliseconds: Int?
    private var proxy: String?
    private var pipeWait = false
    private(set) var method = Method.get
    private var useSSL: Int?
    private var authenticated = false

    /// A handle with the options every request of `kind` shares; throws `.other` when libcurl
    /// cannot make one or rejects an option. With `events`, the connections it opens tell that
    /// loop's epoll set when their sockets open and close (see ``SocketEvents``); the handle must
    /// then only ever run on that loop, which outlives every connection it opens.
    init(kind: Kind, _ configuration: TransportConfiguration, events: SocketEvents? = nil) throws(TransportError) {
        guard let easy = curl_easy_init() else {
            throw TransportError(kind: .other, message: "curl_easy_init failed (out of memory?)", url: "")
        }
        guard let parsedURL = curl_url() else {
            curl_easy_cleanup(easy)
            throw TransportError(kind: .other, message: "curl_url failed (out of memory?)", url: "")
        }
        self.easy = easy
        self.parsedURL = parsedURL
        self.kind = kind
        errorBuffer = .allocate(capacity: Int(ccurl_error_size))
        errorBuffer.initialize(repeating: 0, count: Int(ccurl_error_size))
        try setShared(configuration)
        if let events { try report(to: events) }
    }

    deinit {
        curl_easy_cleanup(easy)
        // After the easy handle: it points at the parsed URL until it is cleaned up.
        curl_url_cleanup(parsedURL)
        errorBuffer.deallocate()
    }

    private func setShared(_ configuration: TransportConfiguration) throws(TransportError) {
        try check(ccurl_easy_setopt_string(easy, CURLOPT_PROTOCOLS_STR, kind == .http ? "http,https" : "smtp,smtps"))
        // Signals are process-wide; a multi-threaded program must not let libcurl use them for timeouts.
        try check(ccurl_easy_setopt_long(easy, CURLOPT_NOSIGNAL, 1))
        try check(ccurl_easy_setopt_pointer(easy, CURLOPT_ERRORBUFFER, errorBuffer))
        try check(ccurl_easy_setopt_long(easy, CURLOPT_TCP_KEEPALIVE, 1))
        try check(
            ccurl_easy_setopt_long(easy, CURLOPT_CONNECTTIMEOUT_MS, configuration.connectTimeout.curlMilliseconds)
        )
        // Set even when empty: unset, libcurl would read the proxy variables again for every transfer.
        try check(ccurl_easy_setopt_string(easy, CURLOPT_NOPROXY, configuration.proxy.noProxy))
        if let caFile = configuration.caFile {
            try check(ccurl_easy_setopt_string(easy, CURLOPT_CAINFO, caFile))
        }
        switch kind {
        case .http: try setSharedHTTP()
        case .smtp: try setSharedSMTP()
        }
    }

    private func setSharedHTTP() throws(TransportError) {
        try check(
            ccurl_easy_setopt_write_function(easy) { data, size, count, box in
                Transfer.receive(body: data, size * count, box)
            }
        )
        try check(
            ccurl_easy_setopt_header_function(easy) { data, size, count, box in
                Transfer.receive(header: data, size * count, box)
            }
        )
        // HTTP/2 over TLS when the server offers it in ALPN, HTTP/1.1 otherwise.
        try check(ccurl_easy_setopt_long(easy, CURLOPT_HTTP_VERSION, Int(CURL_HTTP_VERSION_2TLS)))
    }

    /// libcurl copies these into each connection the handle opens, so the socket's whole life is seen.
    private func report(to events: SocketEvents) throws(TransportError) {
        let context = Unmanaged.passUnretained(events).toOpaque()
        try check(
            ccurl_easy_setopt_sockopt_function(easy) { context, socket, _ in
                if let context { Unmanaged<SocketEvents>.fromOpaque(context).takeUnretainedValue().opened(socket) }
                return CURL_SOCKOPT_OK
            }
        )
        try check(ccurl_easy_setopt_pointer(easy, CURLOPT_SOCKOPTDATA, context))
        try check(
            ccurl_easy_setopt_closesocket_function(easy) { context, socket in
                if let context { Unmanaged<SocketEvents>.fromOpaque(context).takeUnretainedValue().closing(socket) }
                return close(socket)
            }
        )
        try check(ccurl_easy_setopt_pointer(easy, CURLOPT_CLOSESOCKETDATA, context))
    }

    private func setSharedSMTP() throws(TransportError) {
        try check(ccurl_easy_setopt_long(easy, CURLOPT_UPLOAD, 1))
        try check(
            ccurl_easy_setopt_read_function(easy) { buffer, size, count, box in
                Transfer.read(into: buffer, size * count, box)
            }
        )
        // libcurl hands SMTP reply lines to the header callback.
        try check(
            ccurl_easy_setopt_header_function(easy) { data, size, count, box in
                Transfer.receive(reply: data, size * count, box)
            }
        )
        // Nothing comes back as body over SMTP, but libcurl's default would write it to stdout.
        try check(ccurl_easy_setopt_write_function(easy) { _, size, count, _ in size * count })
    }

    /// Points the handle at `url` for the next request and clears what a failed transfer wrote to
    /// the error buffer, so an error message is always this request's own. Throws `.other` for a
    /// URL libcurl cannot parse.
    ///
    /// The URL goes to libcurl already parsed (`CURLOPT_CURLU`), parsed here only when it differs
    /// from the handle's last one. Given as `CURLOPT_URL`, libcurl parses it again at the start of
    /// every transfer, on the one thread that drives the multi handle and bounds throughput.
    func begin(url: String) throws(TransportError) {
        self.url = url
        errorBuffer[0] = 0
        receivedHeaders.removeAll()
        guard parsedFrom != url else { return }
        parsedFrom = nil
        let code = curl_url_set(parsedURL, CURLUPART_URL, url, ccurl_url_parse_flags)
        guard code == CURLUE_OK else {
            let reason = String(cString: curl_url_strerror(code))
            throw TransportError(
                kind: .other,
                curlCode: Int(CURLE_URL_MALFORMAT.rawValue),
                message: "cannot parse the URL: \(reason); check the configured URL",
                url: url
            )
        }
        try check(ccurl_easy_setopt_pointer(easy, CURLOPT_CURLU, UnsafeMutableRawPointer(parsedURL)))
        parsedFrom = url
    }

    /// `CURLOPT_TIMEOUT_MS`, set only when it differs from the last request's.
    func setTimeout(milliseconds: Int) throws(TransportError) {
        guard timeoutMilliseconds != milliseconds else { return }
        try check(ccurl_easy_setopt_long(easy, CURLOPT_TIMEOUT_MS, milliseconds))
        if kind == .smtp {
            // The QUIT libcurl sends when it closes a session (after a refusal, on eviction, at
            // shutdown) waits for the reply in a blocking loop bounded by this alone: 120 s unless set.
            try check(ccurl_easy_setopt_long(easy, CURLOPT_SERVER_RESPONSE_TIMEOUT, (milliseconds + 999) / 1000))
        }
        timeoutMilliseconds = milliseconds
    }

    /// `CURLOPT_PROXY` ("" for none), set only when it differs from the last request's.
    func setProxy(_ value: String) throws(TransportError) {
        guard proxy != value else { return }
        try check(ccurl_easy_setopt_string(easy, CURLOPT_PROXY, value))
        proxy = value
    }

    /// `CURLOPT_PIPEWAIT`, set only when it differs from the last request's.
    func setPipeWait(_ value: Bool) throws(TransportError) {
        guard pipeWait != value else { return }
        try check(ccurl_easy_setopt_long(easy, CURLOPT_PIPEWAIT, value ? 1 : 0))
        pipeWait = value
    }

    /// Puts the method options in the state `wanted` needs. The body itself (`POSTFIELDS` and its
    /// size) is the caller's to set for every request that sends one.
    func setMethod(_ wanted: Method) throws(TransportError) {
        guard method != wanted else { return }
        if method != .get {
            // Back to a plain GET first: HTTPGET clears POST, NOBODY and upload, and a custom method
            // is a separate string that HTTPGET leaves alone.
            try check(ccurl_easy_setopt_long(easy, CURLOPT_HTTPGET, 1))
            if case .custom = method { try check(ccurl_easy_setopt_string(easy, CURLOPT_CUSTOMREQUEST, nil)) }
            method = .get
        }
        switch wanted {
        case .get: break
        case .head: try check(ccurl_easy_setopt_long(easy, CURLOPT_NOBODY, 1))
        case .post: try check(ccurl_easy_setopt_long(easy, CURLOPT_POST, 1))
        case .custom(let name, let body):
            if body { try check(ccurl_easy_setopt_long(easy, CURLOPT_POST, 1)) }
            try check(ccurl_easy_setopt_string(easy, CURLOPT_CUSTOMREQUEST, name))
        }
        method = wanted
    }

    /// `CURLOPT_USE_SSL`, set only when it differs from the last request's.
    func setUseSSL(_ value: Int) throws(TransportError) {
        guard useSSL != value else { return }
        try check(ccurl_easy_setopt_long(easy, CURLOPT_USE_SSL, value))
        useSSL = value
    }

    /// SMTP `AUTH` credentials; nil clears those an earlier request set, so a session without
    /// credentials never reuses them.
    func setCredentials(username: String?, password: String?) throws(TransportError) {
        if let username {
            try check(ccurl_easy_setopt_string(easy, CURLOPT_USERNAME, username))
            try check(ccurl_easy_setopt_string(easy, CURLOPT_PASSWORD, password ?? ""))
            authenticated = true
        } else if authenticated {
            try check(ccurl_easy_setopt_string(easy, CURLOPT_USERNAME, nil))
            try check(ccurl_easy_setopt_string(easy, CURLOPT_PASSWORD, nil))
            authenticated = false
        }
    }

    func check(_ code: CURLcode) throws(TransportError) {
        guard code == CURLE_OK else { throw TransportError(curlCode: code, detail: "", url: url) }
    }
}
