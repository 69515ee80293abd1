/// A transfer that produced no HTTP response, with libcurl's reason.
///
/// ```swift
/// do { _ = try await transport.send(request) } catch let error as TransportError where error.isRetryable {
///     // schedule a retry: the provider may never have seen the request
/// }
/// ```
///
/// An HTTP error status is not a `TransportError`: it is a response, for the adapter to classify.
public struct TransportError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, Equatable {
        /// The connect timeout or the request's total timeout passed (`CURLE_OPERATION_TIMEDOUT`).
        case timeout
        /// No usable connection: DNS failed, the peer refused or was unreachable, or the connection
        /// broke before a complete response arrived (reset, empty reply).
        case connectionFailed
        /// The TLS handshake or certificate verification failed, or the CA file is unusable.
        case tls
        /// The transfer was cancelled: the calling task was cancelled or the transport shut down.
        case cancelled
        /// Anything else, e.g. a malformed URL or an unsupported protocol.
        case other
    }

    public var kind: Kind
    /// libcurl's `CURLcode`, or 0 when the error did not come from libcurl.
    public var curlCode: Int
    /// libcurl's detailed message (`CURLOPT_ERRORBUFFER`) or, failing that, `curl_easy_strerror`.
    public var message: String
    /// The request's URL, for logs. It may carry secrets in its query, so mask it before logging.
    public var url: String

    public init(kind: Kind, curlCode: Int = 0, message: String, url: String) {
        self.kind = kind
        self.curlCode = curlCode
        self.message = message
        self.url = url
    }

    /// Timeouts and connection failures are worth retrying later; TLS and other errors need a fix.
    public var isRetryable: Bool { kind == .timeout || kind == .connectionFailed }

    public var description: String {
        curlCode == 0 ? "\(kind.rawValue): \(message)" : "\(kind.rawValue) (curl \(curlCode)): \(message)"
    }
}
