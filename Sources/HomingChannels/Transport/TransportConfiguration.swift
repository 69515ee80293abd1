/// How a ``Transport`` connects: connection limits, timeouts and TLS trust.
///
/// ```swift
/// var configuration = TransportConfiguration()
/// configuration.maxConnectionsPerHost = 4
/// configuration.caFile = "/etc/homing/test-ca.pem"
/// let transport = try Transport(configuration: configuration)
/// ```
public struct TransportConfiguration: Sendable {
    /// Open connections per host and port (`CURLMOPT_MAX_HOST_CONNECTIONS`); transfers beyond that
    /// wait for a free connection. HTTP/2 multiplexes many transfers over one connection.
    public var maxConnectionsPerHost: Int = 8
    /// The limit on setting up a connection, TLS included (`CURLOPT_CONNECTTIMEOUT_MS`).
    public var connectTimeout: Duration = .seconds(10)
    /// The total limit on a transfer when its request sets none (`CURLOPT_TIMEOUT_MS`).
    public var requestTimeout: Duration = .seconds(30)
    /// A PEM bundle of CAs to trust instead of the system's (`CURLOPT_CAINFO`); nil trusts the system CAs.
    public var caFile: String?
    /// Threads (each with its own libcurl multi handle) that send SMTP, started on first use and
    /// never shared with HTTP; messages go to them in turn. libcurl waits for the reply to each
    /// message's data in a blocking loop, so one thread completes at most one message per round
    /// trip to the server. Capped at `maxConnectionsPerHost`, which the threads share.
    public var smtpThreads: Int = 4
    /// The `User-Agent` sent when a request sets none.
    public var userAgent: String = "homing"
    /// The proxies to use, read from the process environment when the configuration is made
    /// (see ``ProxyEnvironment``); `.none` for direct connections.
    public var proxy: ProxyEnvironment = .current()

    public init() {}
}
