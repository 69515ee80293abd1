import HomingChannels
import HomingCore
import Testing

/// The shared rules on responses and transport errors built by hand; the webhook tests cover them
/// over real traffic.
@Suite struct HTTPOutcomeClassifierTests {
    let now = Instant(millisecondsSince1970: 1_445_412_420_000)

    func response(_ status: Int, _ headers: HTTPHeaders = [:], body: String = "") -> HTTPResponse {
        HTTPResponse(
            status: status,
            headers: headers,
            body: Array(body.utf8),
            version: .http1_1,
            connection: .init(localPort: 1, reused: false)
        )
    }

    @Test func statusClasses() {
        #expect(
            HTTPOutcomeClassifier.outcome(for: response(202), now: now, providerMessageID: "m1")
                == .delivered(providerMessageID: "m1")
        )
        #expect(HTTPOutcomeClassifier.outcome(for: response(500), now: now).isRetryable)
        #expect(HTTPOutcomeClassifier.outcome(for: response(429), now: now).isRetryable)
        #expect(HTTPOutcomeClassifier.outcome(for: response(404), now: now) == .permanentFailure(reason: "HTTP 404"))
        #expect(HTTPOutcomeClassifier.outcome(for: response(301), now: now) == .permanentFailure(reason: "HTTP 301"))
    }

    @Test func retryAfterWinsOverRateLimitResetAndAnUnreadableOneFallsBack() {
        let both: HTTPHeaders = ["Retry-After": "60", "X-RateLimit-Reset": "1"]
        #expect(
            HTTPOutcomeClassifier.notBefore(both, now: now)
                == Instant(millisecondsSince1970: now.millisecondsSince1970 + 60_000)
        )
        let unreadable: HTTPHeaders = ["Retry-After": "later", "X-RateLimit-Reset": "1445412480"]
        #expect(
            HTTPOutcomeClassifier.notBefore(unreadable, now: now) == Instant(millisecondsSince1970: 1_445_412_480_000)
        )
        #expect(HTTPOutcomeClassifier.notBefore([:], now: now) == nil)
    }

    @Test func longBodiesAreCutInTheReason() {
        let outcome = HTTPOutcomeClassifier.outcome(
            for: response(400, body: String(repeating: "x", count: 1000)),
            now: now
        )
        guard case .permanentFailure(let reason) = outcome else {
            Issue.record("expected permanent, got \(outcome)")
            return
        }
        #expect(reason.count == "HTTP 400: ".count + HTTPOutcomeClassifier.reasonBodyLimit + 1)
    }

    @Test func transportErrors() {
        func outcome(_ kind: TransportError.Kind) -> DeliveryOutcome {
            HTTPOutcomeClassifier.outcome(for: TransportError(kind: kind, message: "m", url: "http://x/"))
        }
        #expect(outcome(.timeout).isRetryable)
        #expect(outcome(.connectionFailed).isRetryable)
        // Cut short by shutdown: the provider may never have seen it, so it must not be dead-lettered.
        #expect(outcome(.cancelled).isRetryable)
        #expect(outcome(.tls) == .permanentFailure(reason: "tls: m"))
        #expect(outcome(.other) == .permanentFailure(reason: "other: m"))
    }
}
