import HomingCore

/// The APNs provider authentication token (an ES256 JWT), signed once and reused for 50 minutes.
///
/// ```swift
/// let tokens = APNsProviderToken(key: key, keyID: "ABC123DEFG", teamID: "DEF123GHIJ", clock: { .now })
/// request.headers.set("authorization", "bearer \(try await tokens.current())")
/// ```
///
/// APNs refuses a token older than an hour (`ExpiredProviderToken`) and one replaced less than 20
/// minutes after the last (`TooManyProviderTokenUpdates`), so the token is renewed after 50 minutes:
/// inside both limits. Signing is local and quick, so renewing needs no coordination beyond the
/// actor. The claims are `iss` (team id) and `iat`; the header carries `kid` (key id).
actor APNsProviderToken {
    /// How long a token is used before a new one is signed.
    static let lifetime: Int64 = 50 * 60

    private let key: JSONWebToken.SigningKey
    private let keyID: String
    private let teamID: String
    private let clock: @Sendable () -> Instant
    private var cached: (value: String, issuedAt: Int64)?

    init(key: JSONWebToken.SigningKey, keyID: String, teamID: String, clock: @escaping @Sendable () -> Instant) {
        self.key = key
        self.keyID = keyID
        self.teamID = teamID
        self.clock = clock
    }

    /// The token to send now: the cached one while it is younger than ``lifetime``, else a new one.
    func current() throws(JSONWebToken.SigningFailed) -> String {
        let now = clock().millisecondsSince1970 / 1000
        if let cached, now - cached.issuedAt < Self.lifetime, now >= cached.issuedAt { return cached.value }
        let value = try JSONWebToken(keyID: keyID, claims: ["iss": .string(teamID), "iat": .integer(now)])
            .signed(with: key)
        cached = (value, now)
        return value
    }

    /// Forgets `rejected` if it is still the cached token, so the next send signs a new one.
    /// Sends rejected with an older token leave a newer one alone, which keeps concurrent
    /// rejections to one renewal.
    func invalidate(_ rejected: String) {
        if cached?.value == rejected { cached = nil }
    }
}
