/// The HTTP version a response came over, as libcurl reports it (`CURLINFO_HTTP_VERSION`).
///
/// ```swift
/// if response.version == .http2 { /* multiplexed with other requests to that host */ }
/// ```
public enum HTTPVersion: String, Sendable, Equatable {
    case http1_0 = "HTTP/1.0"
    case http1_1 = "HTTP/1.1"
    case http2 = "HTTP/2"
    case http3 = "HTTP/3"
    case unknown
}
