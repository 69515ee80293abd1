import HomingCore

/// The outcome rules every HTTP provider shares.
///
/// ```swift
/// do {
///     let response = try await transport.send(request)
///     return HTTPOutcomeClassifier.outcome(for: response, now: clock())
/// } catch {
///     return HTTPOutcomeClassifier.outcome(for: error)
/// }
/// ```
///
/// 2xx is delivered; 429 and 5xx are retryable, not before the time `Retry-After` (seconds or
/// HTTP-date) or else `X-RateLimit-Reset` (epoch seconds) names; any other status is permanent.
/// Adapters check their provider's own invalid-recipient answers before falling back to this.
public enum HTTPOutcomeClassifier {
    /// How much of an error body a reason keeps: enough to diagnose, not a whole HTML page.
    public static let reasonBodyLimit = 200

    /// The outcome of a response; `providerMessageID` goes into `.delivered`.
    public static func outcome(
        for response: HTTPResponse,
        now: Instant,
        providerMessageID: String? = nil
    ) -> DeliveryOutcome {
        let status = response.status
        switch status {
        case 200...299:
            return .delivered(providerMessageID: providerMessageID)
        case 429, 500...599:
            return .retryable(reason: reason(response), notBefore: notBefore(response.headers, now: now))
        default:
            return .permanentFailure(reason: reason(response))
        }
    }

    /// The outcome of a transfer that got no response.
    ///
    /// Timeouts and connection failures are retryable. So is cancellation, although
    /// ``TransportError/isRetryable`` says otherwise: a send cut short by shutdown may never have
    /// reached the provider and must not be dead-lettered. TLS and other errors are permanent
    /// until someone fixes the configuration.
    public static func outcome(for error: TransportError) -> DeliveryOutcome {
        if error.isRetryable || error.kind == .cancelled {
            return .retryable(reason: error.description, notBefore: nil)
        }
        return .permanentFailure(reason: error.description)
    }

    /// The earliest retry time the headers ask for: `Retry-After` first, then `X-RateLimit-Reset`.
    public static func notBefore(_ headers: HTTPHeaders, now: Instant) -> Instant? {
        if let value = headers["Retry-After"], let instant = RetryAfter.parse(value, now: now) { return instant }
        if let value = headers["X-RateLimit-Reset"] { return RetryAfter.rateLimitReset(value) }
        return nil
    }

    /// `HTTP 503: <start of the body>`, with whitespace runs collapsed.
    static func reason(_ response: HTTPResponse) -> String {
        let words = response.bodyText.split(whereSeparator: { $0.isWhitespace || $0.isNewline })
        var snippet = words.joined(separator: " ")
        if snippet.count > reasonBodyLimit { snippet = String(snippet.prefix(reasonBodyLimit)) + "…" }
        return snippet.isEmpty ? "HTTP \(response.status)" : "HTTP \(response.status): \(snippet)"
    }
}
