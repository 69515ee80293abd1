import Hummingbird
import Logging
import NIOCore

/// The answer when the store fails under a request: 503 with `Retry-After`, never a 500.
///
/// ```swift
/// do { body = try metrics.exposition() } catch {
///     return StoreUnavailable.response(for: "GET /metrics", error: error, logger: route.logger)
/// }
/// ```
///
/// A store failure (the file locked by another process past the busy timeout, a full disk) is
/// the server's problem, not the caller's: webhook senders retry 5xx answers, so the event is
/// not lost. The error is logged at error level; store errors name the SQL, never its arguments.
enum StoreUnavailable {
    /// Seconds a caller should wait before the same request again.
    static let retryAfter = "5"

    /// Logs `error` for `what` and returns a plain-text 503 that says to retry.
    static func response(for what: String, error: any Error, logger: Logger) -> Response {
        log(what, error: error, logger: logger)
        let text = "\(what): the store is unavailable (\(summary(error))); retry in \(retryAfter) s\n"
        return Response(
            status: .serviceUnavailable,
            headers: [.contentType: "text/plain; charset=utf-8", .retryAfter: retryAfter, .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(string: text))
        )
    }

    static func log(_ what: String, error: any Error, logger: Logger) {
        logger.error("\(what): store unavailable, answered 503: \(error)")
    }

    /// A short cause for the caller, without SQL: "database is locked", "disk is full".
    static func summary(_ error: any Error) -> String {
        let text = String(describing: error)
        for cause in ["database is locked", "database or disk is full", "disk I/O error", "unable to open"]
        where text.contains(cause) {
            return cause
        }
        return "storage error"
    }
}
