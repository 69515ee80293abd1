import Crypto
import Foundation
import HomingChannels
import HomingTestSupport
import Testing

/// A shop's signed order webhook, through `homing serve`, ends as the post-purchase email in
/// `homing sink`: the real binaries, the shipped journeys and templates, loopback only.
@Suite(.serialized) struct WebhookDeliveryTests {
    static let shopifySecret = "e2e-shopify-secret"

    @Test func aSignedOrderWebhookLeadsToTheThankYouEmail() async throws {
        let directory = try TemporaryDirectory()
        let url = directory.url
        let capture = url.appendingPathComponent("sink.jsonl").path
        let sink = try HomingProcess.start(["sink", "--smtp-port", "0", "--http-port", "0", "--out", capture], in: url)
        let lines = try sink.waitForStdoutLines(2)
        let smtp = try #require(lines.first { $0.hasPrefix("smtp listening on ") }?.split(separator: " ").last)
        let channels = url.appendingPathComponent("channels")
        try FileManager.default.createDirectory(at: channels, withIntermediateDirectories: true)
        let email = try String(
            contentsOf: RepositoryPaths.root.appendingPathComponent("channels/email.yaml"),
            encoding: .utf8
        )
        try email.replacingOccurrences(of: "127.0.0.1:2525", with: String(smtp))
            .write(to: channels.appendingPathComponent("email.yaml"), atomically: true, encoding: .utf8)
        let environment = [
            "HOMING_DB": url.appendingPathComponent("homing.db").path,
            "HOMING_LINK_SECRET": "e2e-link-secret-0123456789",
            "HOMING_SHOPIFY_SECRET": Self.shopifySecret,
        ]
        let (server, base) = try HomingProcess.serve(channels: channels.path, in: url, environment: environment)

        let body = """
            {"id":4401,"created_at":"2026-11-24T09:00:00+01:00","total_price":"59.90","currency":"EUR",
             "financial_status":"paid","line_items":[{"name":"Carnet en lin","quantity":1,"price":"59.90"}],
             "customer":{"id":77,"email":"lea@example.com","first_name":"Léa","locale":"fr",
               "email_marketing_consent":{"state":"subscribed"}}}
            """
        let mac = HMAC<SHA256>.authenticationCode(
            for: Array(body.utf8),
            using: SymmetricKey(data: Array(Self.shopifySecret.utf8))
        )
        let answer = try await Transport().send(
            HTTPRequest(
                method: .post,
                url: base + "/webhooks/shopify/orders",
                headers: [
                    "Content-Type": "application/json", "X-Shopify-Topic": "orders/paid",
                    "X-Shopify-Event-Id": "e2e-event-1", "X-Shopify-Hmac-Sha256": Data(mac).base64EncodedString(),
                ],
                body: body
            )
        )
        #expect(answer.status == 200, "\(answer.bodyText)")

        // The dispatcher in the same process picks the planned message up within its poll interval.
        var delivered: [String: Any]?
        for _ in 0..<150 where delivered == nil {
            try await Task.sleep(for: .milliseconds(200))
            let text = (try? String(contentsOfFile: capture, encoding: .utf8)) ?? ""
            delivered = text.split(separator: "\n").compactMap {
                try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
            }.first { $0["outcome"] as? String == "accepted" }
        }
        server.signal(SIGTERM)
        let stopped = try server.waitForExit()
        sink.signal(SIGTERM)
        _ = try sink.waitForExit()
        let message = try #require(delivered, "nothing reached the sink; serve said: \(stopped.stderr)")
        #expect(message["recipient"] as? String == "lea@example.com")
        #expect((message["idempotency_key"] as? String)?.hasPrefix("hm_") == true)
        #expect((message["subject"] as? String)?.hasPrefix("Merci pour votre commande") == true, "\(message)")
        #expect(stopped.exitCode == 0, "\(stopped)")
    }
}
