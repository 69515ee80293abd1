import Foundation
import Hummingbird
import NIOCore

/// A webhook request refused for the client's own mistake, answered with a JSON body that says
/// what to fix, and never with a 500.
///
/// ```swift
/// throw WebhookRejection.badRequest(field: "data.email", "\"ana@\" is not an email address")
/// // 400 {"error":"\"ana@\" is not an email address","field":"data.email"}
/// ```
///
/// `reason` is a short fixed label (`signature`, `stale`, `malformed`, `invalid`, `content_type`,
/// `too_large`, `unknown_type`, `not_configured`, `unavailable`) for metrics; `message` is for the
/// sender's logs.
public struct WebhookRejection: Error, Sendable, Equatable {
    public var status: HTTPResponse.Status
    public var reason: String
    public var field: String?
    public var message: String

    public init(status: HTTPResponse.Status, reason: String, field: String? = nil, _ message: String) {
        self.status = status
        self.reason = reason
        self.field = field
        self.message = message
    }

    public static func unauthorized(_ message: String, reason: String = "signature") -> Self {
        Self(status: .unauthorized, reason: reason, message)
    }

    public static func badRequest(field: String?, _ message: String, reason: String = "invalid") -> Self {
        Self(status: .badRequest, reason: reason, field: field, message)
    }

    /// 503 with `Retry-After`: our store failed, not the sender, who should deliver the same
    /// request again later; nothing of it was recorded.
    public static func unavailable(_ message: String) -> Self {
        Self(status: .serviceUnavailable, reason: "unavailable", message)
    }

    /// The answer: `{"error": message, "field": field}`, with `Retry-After` on a 503.
    public var response: Response {
        var object: [String: String] = ["error": message]
        if let field { object["field"] = field }
        let body =
            (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]))
            ?? Data()
        var headers: HTTPFields = [.contentType: "application/json"]
        if status == .serviceUnavailable { headers[.retryAfter] = StoreUnavailable.retryAfter }
        return Response(
            status: status,
            headers: headers,
            body: .init(byteBuffer: ByteBuffer(bytes: body))
        )
    }
}

/// Where the webhook routes report what they did, for metrics; the default does nothing.
///
/// ```swift
/// struct Counting: WebhookObserver {
///     func webhook(source: String, outcome: WebhookOutcome) { counters[source, outcome].increment() }
/// }
/// ```
///
/// Called once per request, after the answer is decided and before it is sent. Must not block.
public protocol WebhookObserver: Sendable {
    func webhook(source: String, outcome: WebhookOutcome)
}

/// What a webhook request came to.
public enum WebhookOutcome: Sendable, Hashable {
    /// Applied: recorded, and whatever it triggers planned.
    case accepted
    /// Already applied before (same event id): answered 200 with `{"duplicate":true}`, nothing written.
    case duplicate
    /// Refused with the rejection's `reason` label.
    case rejected(reason: String)
}

/// The observer that ignores everything (tests, and servers without metrics).
public struct IgnoringWebhookObserver: WebhookObserver {
    public init() {}
    public func webhook(source: String, outcome: WebhookOutcome) {}
}
