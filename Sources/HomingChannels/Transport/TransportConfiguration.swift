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
    /// The `User-Agent` sent when a request sets none.
    public var userAgent: String = "homing"

    public init() {}
}
