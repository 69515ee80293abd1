/// What a server answered to an ``HTTPRequest``, with how the answer travelled.
///
/// ```swift
/// let response = try await transport.send(request)
/// if response.status == 429, let wait = response.headers["Retry-After"] { … }
/// print(response.bodyText, response.version, response.connection.reused)
/// ```
public struct HTTPResponse: Sendable {
    /// The connection a transfer used. libcurl 7.88 (Debian 12) has no `CURLINFO_CONN_ID`, so the
    /// connection is named by its local port, which is unique among open connections to one host.
    public struct Connection: Sendable, Equatable {
        /// The local TCP port of the connection (`CURLINFO_LOCAL_PORT`).
        public var localPort: Int
        /// True when the transfer opened no new connection (`CURLINFO_NUM_CONNECTS` was 0): it
        /// reused a kept-alive connection or was multiplexed onto an open HTTP/2 connection.
        public var reused: Bool

        public init(localPort: Int, reused: Bool) {
            self.localPort = localPort
            self.reused = reused
        }
    }

    public var status: Int
    /// The header fields of the final response (not of any `100 Continue` before it).
    public var headers: HTTPHeaders
    public var body: [UInt8]
    public var version: HTTPVersion
    public var connection: Connection

    public init(status: Int, headers: HTTPHeaders, body: [UInt8], version: HTTPVersion, connection: Connection) {
        self.status = status
        self.headers = headers
        self.body = body
        self.version = version
        self.connection = connection
    }

    /// The body decoded as UTF-8, with invalid bytes replaced.
    public var bodyText: String { String(decoding: body, as: UTF8.self) }
}
