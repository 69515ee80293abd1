import Foundation
import HomingChannels
import HomingCore
import HomingSink
import HomingTestSupport
import Testing

/// A running sink on ephemeral ports with its JSONL file in a temporary directory, a libcurl
/// transport, and the adapters pointed at it.
final class SinkFixture {
    static let secrets = [
        "SINK_TEST_SENDGRID": "SG.sink-test",
        "SINK_TEST_TWILIO": "sink-test-token",
        "SINK_TEST_WEBHOOK": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
    ]
    static let accountSID = "AC0123456789abcdef0123456789abcdef"
    /// A fixed clock, so `Retry-After: 1` gives an exact instant.
    static let now = Instant(millisecondsSince1970: 1_800_000_000_000)

    let directory: TemporaryDirectory
    let sink: CaptureSink
    let transport: Transport
    var output: URL { directory.url.appendingPathComponent("sink.jsonl") }
    var baseURL: String { "http://127.0.0.1:\(sink.httpPort)" }

    init(faults: SinkFaults = SinkFaults()) async throws {
        directory = try TemporaryDirectory()
        let path = directory.url.appendingPathComponent("sink.jsonl").path
        sink = try await CaptureSink.start(
            SinkConfiguration(host: "127.0.0.1", smtpPort: 0, httpPort: 0, outputPath: path, faults: faults)
        )
        transport = try Transport()
    }

    func sendGrid() throws -> SendGridAdapter {
        try SendGridAdapter(
            configuration: SendGridConfiguration(
                baseURL: baseURL,
                apiKeyVariable: "SINK_TEST_SENDGRID",
                fromEmail: "hello@shop.example"
            ),
            transport: transport,
            environment: Self.secrets,
            clock: { Self.now }
        )
    }

    func twilio() throws -> TwilioAdapter {
        try TwilioAdapter(
            configuration: TwilioConfiguration(
                baseURL: baseURL,
                accountSID: Self.accountSID,
                authTokenVariable: "SINK_TEST_TWILIO",
                sender: .from("+14155550100")
            ),
            transport: transport,
            environment: Self.secrets,
            clock: { Self.now }
        )
    }

    func webhook(path: String = "/hooks/shop") throws -> WebhookAdapter {
        try WebhookAdapter(
            configuration: WebhookConfiguration(url: baseURL + path, secretVariable: "SINK_TEST_WEBHOOK"),
            transport: transport,
            environment: Self.secrets,
            clock: { Self.now }
        )
    }

    /// A raw POST to the sink, for providers without an adapter yet.
    func post(_ path: String, _ body: String, headers: HTTPHeaders = [:]) async throws -> HTTPResponse {
        try await transport.send(
            HTTPRequest(method: .post, url: baseURL + path, headers: headers, body: Array(body.utf8))
        )
    }

    /// Stops the sink and the transport, then returns every recorded line as a JSON object.
    func stopAndReadRecords() async throws -> [[String: Any]] {
        transport.shutdown()
        try await sink.stop()
        let text = try String(contentsOf: output, encoding: .utf8)
        return try text.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
    }
}
