import Foundation
import HomingChannels
import HomingCore
import Testing

/// Receiving Standard Webhooks: the official test vector, then tampered, stale and multi-signature requests.
@Suite struct WebhookVerificationTests {
    static let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
    static let id = "msg_p5jXN8AQM9LWM0D4loKWxJek"
    static let timestamp = "1614265330"
    static let body = Array(#"{"test": 2432232314}"#.utf8)
    static let signature = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
    static let then = Instant(millisecondsSince1970: 1_614_265_330_000)

    let signer = try! WebhookSigner(secret: secret)

    @Test func theOfficialVectorVerifies() throws {
        try signer.verify(
            id: Self.id,
            timestamp: Self.timestamp,
            signatures: Self.signature,
            body: Self.body,
            now: Self.then
        )
        // The secret without its prefix is the same key.
        try WebhookSigner(secret: String(Self.secret.dropFirst(6)))
            .verify(id: Self.id, timestamp: Self.timestamp, signatures: Self.signature, body: Self.body, now: Self.then)
    }

    @Test func aTamperedBodyIdOrTimestampIsRefused() {
        let reserialised = Array(#"{"test":2432232314}"#.utf8)
        for (id, timestamp, body) in [
            (Self.id, Self.timestamp, reserialised), ("msg_other", Self.timestamp, Self.body),
            (Self.id, "1614265331", Self.body),
        ] {
            #expect(throws: WebhookSigner.Rejection.noMatchingSignature) {
                try signer.verify(id: id, timestamp: timestamp, signatures: Self.signature, body: body, now: Self.then)
            }
        }
    }

    @Test func aTimestampMoreThanFiveMinutesAwayIsRefusedEitherWay() throws {
        try signer.verify(
            id: Self.id,
            timestamp: Self.timestamp,
            signatures: Self.signature,
            body: Self.body,
            now: Self.then.adding(seconds: 300)
        )
        #expect(throws: WebhookSigner.Rejection.staleTimestamp(seconds: 301)) {
            try signer.verify(
                id: Self.id,
                timestamp: Self.timestamp,
                signatures: Self.signature,
                body: Self.body,
                now: Self.then.adding(seconds: 301)
            )
        }
        #expect(throws: WebhookSigner.Rejection.staleTimestamp(seconds: -301)) {
            try signer.verify(
                id: Self.id,
                timestamp: Self.timestamp,
                signatures: Self.signature,
                body: Self.body,
                now: Self.then.adding(seconds: -301)
            )
        }
    }

    @Test func oneMatchingSignatureAmongSeveralIsEnough() throws {
        let several = "v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc= v2,ignored \(Self.signature)"
        try signer.verify(id: Self.id, timestamp: Self.timestamp, signatures: several, body: Self.body, now: Self.then)
        #expect(throws: WebhookSigner.Rejection.noMatchingSignature) {
            try signer.verify(
                id: Self.id,
                timestamp: Self.timestamp,
                signatures: "v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=",
                body: Self.body,
                now: Self.then
            )
        }
    }

    @Test func missingOrMalformedHeadersSayWhich() {
        #expect(throws: WebhookSigner.Rejection.missingHeader("webhook-id")) {
            try signer.verify(
                id: nil,
                timestamp: Self.timestamp,
                signatures: Self.signature,
                body: Self.body,
                now: Self.then
            )
        }
        #expect(throws: WebhookSigner.Rejection.missingHeader("webhook-signature")) {
            try signer.verify(id: Self.id, timestamp: Self.timestamp, signatures: nil, body: Self.body, now: Self.then)
        }
        #expect(throws: WebhookSigner.Rejection.badTimestamp("yesterday")) {
            try signer.verify(
                id: Self.id,
                timestamp: "yesterday",
                signatures: Self.signature,
                body: Self.body,
                now: Self.then
            )
        }
    }
}
