import Foundation
import HomingCore

/// Gets OAuth 2 access tokens for a Google service account and caches them until shortly before
/// they expire (the JWT bearer grant of RFC 7523, as Google documents it for server-to-server use).
///
/// ```swift
/// let tokens = GoogleAccessTokenSource(account: account, tokenURL: account.tokenURI, scope: FCMAdapter.scope,
///                                      transport: transport, timeout: nil, clock: { .now })
/// switch await tokens.accessToken() {
/// case .success(let token): request.headers.set("Authorization", "Bearer \(token)")
/// case .failure(let failure): return failure.outcome
/// }
/// ```
///
/// A token request is a form POST of `grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer` and
/// an RS256 `assertion` whose claims are `iss` (the account's email), `scope`, `aud` (the token
/// URL), `iat` and `exp` (an hour later). Sends that find no usable token while one is being
/// fetched wait for that one request instead of starting their own, so a burst of sends after a
/// restart or an expiry costs one round trip to Google, not one per send.
actor GoogleAccessTokenSource {
    /// Why no token could be had, as the outcome the send should report.
    struct Failure: Error, Sendable {
        var outcome: DeliveryOutcome
    }

    private struct Token: Sendable {
        var value: String
        /// When to fetch the next one: a margin before Google's expiry, so a send that starts just
        /// before it does not arrive with a token that has just run out.
        var refreshAt: Instant
    }

    /// The most a token is refreshed ahead of its expiry; half its lifetime if that is shorter.
    static let refreshMargin: Int64 = 300
    /// The assertion's lifetime; Google accepts at most an hour.
    static let assertionLifetime: Int64 = 3600

    private let account: GoogleServiceAccount
    private let tokenURL: String
    private let scope: String
    private let transport: Transport
    private let timeout: Duration?
    private let clock: @Sendable () -> Instant
    private var current: Token?
    private var inFlight: Task<Result<Token, Failure>, Never>?

    init(
        account: GoogleServiceAccount,
        tokenURL: String,
        scope: String,
        transport: Transport,
        timeout: Duration?,
        clock: @escaping @Sendable () -> Instant
    ) {
        self.account = account
        self.tokenURL = tokenURL
        self.scope = scope
        self.transport = transport
        self.timeout = timeout
        self.clock = clock
    }

    /// A token that is good for a while yet: the cached one, or a fresh one.
    func accessToken() async -> Result<String, Failure> {
        if let current, clock() < current.refreshAt { return .success(current.value) }
        let task: Task<Result<Token, Failure>, Never>
        if let inFlight {
            task = inFlight
        } else {
            task = Task { await self.refresh() }
            inFlight = task
        }
        return await task.value.map(\.value)
    }

    /// Forgets `rejected` if it is still the cached token, so the next send fetches a new one.
    /// Sends that were rejected with an older token leave a newer one alone.
    func invalidate(_ rejected: String) {
        if current?.value == rejected { current = nil }
    }

    private func refresh() async -> Result<Token, Failure> {
        let result = await fetch()
        if case .success(let token) = result { current = token }
        inFlight = nil
        return result
    }

    private func fetch() async -> Result<Token, Failure> {
        let requestedAt = clock()
        let request: HTTPRequest
        do {
            request = try tokenRequest(at: requestedAt)
        } catch {
            return .failure(Failure(outcome: .permanentFailure(reason: "fcm: \(error)")))
        }
        let response: HTTPResponse
        do {
            response = try await transport.send(request)
        } catch {
            return .failure(Failure(outcome: Self.prefixed(HTTPOutcomeClassifier.outcome(for: error))))
        }
        guard (200...299).contains(response.status) else {
            return .failure(Failure(outcome: Self.prefixed(HTTPOutcomeClassifier.outcome(for: response, now: clock()))))
        }
        let answer = try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any]
        guard let value = answer?["access_token"] as? String, !value.isEmpty else {
            let reason = "fcm: the token endpoint answered \(response.status) without an access_token"
            return .failure(Failure(outcome: .permanentFailure(reason: reason)))
        }
        // Google sends seconds as a JSON number; NSNumber bridges it to Int.
        let lifetime = Int64((answer?["expires_in"] as? Int) ?? 3600)
        let margin = min(Self.refreshMargin, lifetime / 2)
        let refreshAt = requestedAt.millisecondsSince1970 + (lifetime - margin) * 1000
        return .success(Token(value: value, refreshAt: Instant(millisecondsSince1970: refreshAt)))
    }

    /// The form POST that trades a signed assertion for an access token.
    func tokenRequest(at now: Instant) throws(JSONWebToken.SigningFailed) -> HTTPRequest {
        let issuedAt = now.millisecondsSince1970 / 1000
        let assertion = try JSONWebToken(claims: [
            "iss": .string(account.clientEmail),
            "scope": .string(scope),
            "aud": .string(tokenURL),
            "iat": .integer(issuedAt),
            "exp": .integer(issuedAt + Self.assertionLifetime),
        ])
        .signed(with: account.signingKey)
        return HTTPRequest(
            method: .post,
            url: tokenURL,
            headers: ["Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"],
            body: FormURLEncoding.encode([
                ("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer"), ("assertion", assertion),
            ]),
            timeout: timeout
        )
    }

    /// Says in the reason that it was the token request, not the send, that failed.
    private static func prefixed(_ outcome: DeliveryOutcome) -> DeliveryOutcome {
        switch outcome {
        case .retryable(let reason, let notBefore):
            .retryable(reason: "fcm token request: \(reason)", notBefore: notBefore)
        case .permanentFailure(let reason), .invalidRecipient(let reason):
            // The token endpoint knows nothing of recipients: whatever it refused is configuration.
            .permanentFailure(reason: "fcm token request: \(reason)")
        case .delivered:
            outcome
        }
    }
}
