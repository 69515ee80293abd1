import Foundation
import HomingChannels
import HomingTestSupport
import Testing

/// `homing serve`'s `/metrics` after real sends: the dispatcher's outcomes reach the delivery
/// counters and latency histogram, the outbox depth matches the store, a refused webhook is counted
/// by reason; requests carry ids and are logged to stderr without customer addresses.
@Suite(.serialized) struct ServeMetricsTests {
    @Test func deliveriesToTheSinkShowUpInMetricsAndEveryRequestHasAnId() async throws {
        let directory = try TemporaryDirectory()
        let url = directory.url
        let config = try CrashSafetyTests.configWithBlastJourney(in: url)
        let sink = try HomingProcess.start(["sink", "--smtp-port", "0", "--http-port", "0"], in: url)
        let httpLine = try sink.waitForStdoutLines(2).first { $0.hasPrefix("http listening on ") }
        let channels = try CrashSafetyTests.channels(
            in: url,
            sink: try #require(httpLine?.split(separator: " ").last.map(String.init))
        )
        let environment = [
            "HOMING_DB": url.appendingPathComponent("homing.db").path,
            "HOMING_LINK_SECRET": "metrics-test-secret-0123456789",
        ]
        var csv = "customer_id,email,consent_email\n"
        for index in 0..<40 { csv += "c\(index),c\(index)@example.com,true\n" }
        try csv.write(to: url.appendingPathComponent("customers.csv"), atomically: true, encoding: .utf8)
        for arguments in [["import", "customers", "customers.csv"], ["launch", "blast"]] {
            let run = try HomingBinary.run(arguments + ["--config", config], in: url, environment: environment)
            #expect(run.exitCode == 0, "\(run)")
        }
        let (server, base) = try HomingProcess.serve(
            channels: channels,
            config: config,
            in: url,
            environment: environment
        )
        let transport = try Transport()

        // Wait (bounded) until the dispatcher has settled every planned row.
        var exposition = Exposition(text: "")
        for _ in 0..<300 {
            exposition = Exposition(
                text: try await transport.send(HTTPRequest(method: .get, url: base + "/metrics")).bodyText
            )
            if exposition.value(#"homing_outbox_depth{state="sent"}"#) ?? 0 > 0,
                exposition.value(#"homing_outbox_depth{state="scheduled"}"#) == 0,
                exposition.value(#"homing_outbox_depth{state="claimed"}"#) == 0
            {
                break
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        let sent = try #require(exposition.value(#"homing_outbox_depth{state="sent"}"#), "\(exposition.text)")
        #expect(sent >= 30, "40 customers less a 10% holdout: \(exposition.text)")
        #expect(exposition.value(#"homing_deliveries_total{state="sent",channel="email"}"#) == sent)
        #expect(exposition.value(#"homing_dispatch_latency_seconds_count{channel="email"}"#) == sent)
        #expect(exposition.value(#"homing_dispatch_latency_seconds_bucket{channel="email",le="+Inf"}"#) == sent)

        let echoed = try await transport.send(
            HTTPRequest(method: .get, url: base + "/healthz", headers: ["X-Request-Id": "e2e-healthz-1"])
        )
        #expect(echoed.headers["X-Request-Id"] == "e2e-healthz-1")

        // No Shopify secret in this environment: refused, and counted under its reason.
        let forged = try await transport.send(
            HTTPRequest(
                method: .post,
                url: base + "/webhooks/shopify/orders",
                headers: [
                    "Content-Type": "application/json", "X-Shopify-Hmac-Sha256": "bm90IGl0",
                    "X-Request-Id": "e2e-webhook-1",
                ],
                body: #"{"id":1,"email":"zoe@example.com"}"#
            )
        )
        #expect(forged.status == 401)
        let rejected = Exposition(
            text: try await transport.send(HTTPRequest(method: .get, url: base + "/metrics")).bodyText
        )
        #expect(rejected.value(#"homing_webhooks_rejected_total{source="shopify",reason="signature"}"#) == 1)
        #expect(rejected.value(#"homing_webhooks_received_total{source="shopify"}"#) == 1)

        server.signal(SIGTERM)
        let ended = try server.waitForExit()
        #expect(ended.exitCode == 0, "\(ended)")
        sink.signal(SIGTERM)
        _ = try sink.waitForExit()
        // At the default level (info) the refused webhook is logged and the routine probe is not.
        let access = ended.stderr.split(separator: "\n").filter { $0.contains("e2e-webhook-1") }
        #expect(access.count == 1, "\(ended.stderr)")
        #expect(access.first?.contains("path=/webhooks/shopify/orders") == true)
        #expect(access.first?.contains("status=401") == true)
        #expect(!ended.stderr.contains("e2e-healthz-1"))
        #expect(!ended.stderr.contains("@example.com"), "no address reaches the log")
    }
}
