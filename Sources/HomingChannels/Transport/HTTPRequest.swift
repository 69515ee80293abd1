/// One HTTP request for ``Transport/send(_:)``.
///
/// ```swift
/// let request = HTTPRequest(
///     method: .post,
///     url: "https://api.sendgrid.com/v3/mail/send",
///     headers: ["Authorization": "Bearer \(key)", "Content-Type": "application/json"],
///     body: json,
///     timeout: .seconds(10)
/// )
/// ```
///
/// The URL is passed to libcurl as is, so it must already be percent-encoded. Only `http` and
/// `https` URLs are accepted. A `Content-Length` is sent for the body; libcurl's
/// `Expect: 100-continue` is suppressed unless the caller sets an `Expect` header.
public struct HTTPRequest: Sendable {
    public var method: HTTPMethod
    public var url: String
    public var headers: HTTPHeaders
    public var body: [UInt8]
    /// The whole transfer's limit, from queueing to the last body byte; nil uses the transport's default.
    public var timeout: Duration?

    public init(
        method: HTTPMethod = .get,
        url: String,
        headers: HTTPHeaders = [:],
        body: [UInt8] = [],
        timeout: Duration? = nil
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
    }

    /// A request whose body is `text` in UTF-8.
    public init(
        method: HTTPMethod,
        url: String,
        headers: HTTPHeaders = [:],
        body text: String,
        timeout: Duration? = nil
    ) {
        self.init(method: method, url: url, headers: headers, body: Array(text.utf8), timeout: timeout)
    }
}
