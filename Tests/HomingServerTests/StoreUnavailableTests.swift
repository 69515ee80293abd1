import Crypto
import Foundation
import GRDB
import HomingChannels
import HomingEngine
import HomingTestSupport
import Logging
import Testing

/// A store that cannot be written or read answers 503 with `Retry-After`, never 500, and the
/// same delivery is accepted once the store is back: webhook senders retry 5xx, so nothing is lost.
@Suite struct StoreUnavailableTests {
    @Test func aWebhookLockedOutOfTheStoreGets503AndIsStoredOnceWhenRetriedAfterTheLockIsReleased() async throws {
        let lines = LogLines()
        let server = try await ServerFixture.start(
            busyTimeout: .milliseconds(300),
            logger: Logger(label: "test") { _ in lines.handler }
        )
        defer { server.stop() }
        // Another process's connection holds the write lock, as `homing import` would.
        var configuration = Configuration()
        configuration.allowsUnsafeTransactions = true  // the lock outlives one database access
        let other = try DatabaseQueue(path: server.store.path, configuration: configuration)
        try await other.writeWithoutTransaction { try $0.execute(sql: "BEGIN EXCLUSIVE") }

        let body = ShopifyOrderWebhookTests.order()
        let locked = try await server.postShopify(body, eventID: "evt-locked")
        #expect(locked.status == 503, "\(locked.bodyText)")
        #expect(locked.headers["Retry-After"] == "5")
        #expect(locked.headers["Content-Type"] == "application/json")
        #expect(locked.bodyText.contains("database is locked"), "\(locked.bodyText)")
        #expect(locked.bodyText.contains("deliver the same request again later"))
        let logged = lines.all.filter { $0.level == .error }
        #expect(logged.contains { $0.message.contains("shopify webhook: store unavailable") }, "\(lines.all)")
        #expect(!logged.contains { $0.message.contains("zoe@example.com") })

        // WAL readers are not blocked by a writer: the scrape still answers, and counts the 503.
        let scrape = try await server.get("/metrics")
        #expect(scrape.status == 200)
        #expect(
            Exposition(text: scrape.bodyText).value(
                #"homing_webhooks_rejected_total{source="shopify",reason="unavailable"}"#
            ) == 1,
            "\(scrape.bodyText)"
        )

        try await other.writeWithoutTransaction { try $0.execute(sql: "COMMIT") }
        let retried = try await server.postShopify(body, eventID: "evt-locked")
        #expect(retried.status == 200, "\(retried.bodyText)")
        #expect(retried.bodyText == #"{"ok":true,"enrolled":1,"planned":1}"#)
        let again = try await server.postShopify(body, eventID: "evt-locked")
        #expect(again.bodyText == #"{"duplicate":true}"#)
        let counts = try await other.read { db in
            try ["webhook_events", "orders", "outbox"].map { table in
                try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? -1
            }
        }
        #expect(counts == [1, 1, 1])
    }

    @Test func metricsAnswer503WithRetryAfterWhenTheStoreCannotBeRead() async throws {
        let server = try await ServerFixture.start(busyTimeout: .milliseconds(300))
        defer { server.stop() }
        // A real read failure: the outbox table the scrape counts is gone for a moment.
        let other = try DatabaseQueue(path: server.store.path)
        try await other.write { try $0.execute(sql: "ALTER TABLE outbox RENAME TO outbox_away") }
        let failing = try await server.get("/metrics")
        #expect(failing.status == 503, "\(failing.bodyText)")
        #expect(failing.headers["Retry-After"] == "5")
        #expect(failing.bodyText.hasPrefix("GET /metrics: the store is unavailable"), "\(failing.bodyText)")
        #expect(failing.bodyText.contains("retry in 5 s"))

        try await other.write { try $0.execute(sql: "ALTER TABLE outbox_away RENAME TO outbox") }
        #expect(try await server.get("/metrics").status == 200)
    }

    @Test func oneClickUnsubscribeAndTwilioStopLockedOutGet503AndApplyWhenRetried() async throws {
        let server = try await ServerFixture.start(
            busyTimeout: .milliseconds(300),
            providerCallbacks: try TwilioCallbackTests.keys()
        )
        defer { server.stop() }
        try server.seedSentMessages()
        var configuration = Configuration()
        configuration.allowsUnsafeTransactions = true
        let other = try DatabaseQueue(path: server.store.path, configuration: configuration)
        try await other.writeWithoutTransaction { try $0.execute(sql: "BEGIN EXCLUSIVE") }

        let token = UnsubscribeToken(customerID: "c3", scope: .email, issuedAt: .now)
            .signed(with: SymmetricKey(data: Array("server-fixture-link-secret".utf8)))
        let unsubscribe = HTTPRequest(method: .post, url: server.base + "/u/" + token, headers: [:], body: "")
        let lockedUnsubscribe = try await server.transport.send(unsubscribe)
        #expect(lockedUnsubscribe.status == 503, "\(lockedUnsubscribe.bodyText)")
        #expect(lockedUnsubscribe.headers["Retry-After"] == "5")
        let twilio = TwilioCallbackTests()
        let lockedStop = try await twilio.post(server, TwilioCallbackTests.inbound("STOP"))
        #expect(lockedStop.status == 503, "\(lockedStop.bodyText)")
        #expect(lockedStop.headers["Retry-After"] == "5")
        #expect(try server.consent("c3")?.email == true)
        #expect(try server.consent("c1")?.sms == true)

        try await other.writeWithoutTransaction { try $0.execute(sql: "COMMIT") }
        #expect(try await server.transport.send(unsubscribe).status == 200)
        #expect(try await twilio.post(server, TwilioCallbackTests.inbound("STOP")).status == 200)
        #expect(try server.consent("c3")?.email == false)
        #expect(try server.consent("c1")?.sms == false)
        #expect(try server.store.isSuppressed(channel: "sms", address: "+33612345678"))
    }

    @Test func readyzSaysTheStoreIsUnreachableWhenItCannotBeRead() async throws {
        let server = try await ServerFixture.start(busyTimeout: .milliseconds(300))
        defer { server.stop() }
        // The fixture runs no dispatcher, so /readyz is 503 throughout; the store line is the subject.
        #expect(try await server.get("/readyz").bodyText.hasPrefix("store: ok\n"))
        let other = try DatabaseQueue(path: server.store.path)
        try await other.write { try $0.execute(sql: "ALTER TABLE segment_snapshots RENAME TO snapshots_away") }
        let failing = try await server.get("/readyz")
        #expect(failing.status == 503)
        #expect(failing.headers["Retry-After"] == "5")
        #expect(failing.bodyText == "store: unreachable\ndispatcher: stopped\n", "\(failing.bodyText)")

        try await other.write { try $0.execute(sql: "ALTER TABLE snapshots_away RENAME TO segment_snapshots") }
        #expect(try await server.get("/readyz").bodyText.hasPrefix("store: ok\n"))
    }
}
