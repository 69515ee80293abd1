import ArgumentParser
import Foundation
import HomingChannels
import HomingCore

/// `homing bench channels`: messages per second through a real adapter and the shared libcurl
/// transport to a local server; see scripts/bench-channels.sh.
///
/// ```
/// homing bench channels --channel http --url http://127.0.0.1:8080/hook --messages 200000 --concurrency 64
/// homing bench channels --channel smtp --url smtp://127.0.0.1:2525 --messages 50000 --concurrency 32
/// ```
///
/// Every message is built before the clock starts, so the figure is adapter and transport (and the
/// server), not rendering. Prints numbers only; nothing asserts a time.
struct ChannelsBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "channels",
        abstract: "Send pre-built messages through an adapter and print messages/s, latency and peak RSS."
    )

    enum Channel: String, ExpressibleByArgument, CaseIterable { case http, smtp }
    enum HTTPAdapter: String, ExpressibleByArgument, CaseIterable { case webhook, sendgrid }

    @Option(help: "Which adapter family to drive: http (webhook or sendgrid) or smtp.")
    var channel: Channel

    @Option(help: "The server: http://HOST:PORT/PATH for http, smtp://HOST:PORT for smtp.")
    var url: String

    @Option(help: "Messages to send after the warm-up.")
    var messages = 100_000

    @Option(help: "Tasks sending at the same time.")
    var concurrency = 64

    @Option(help: "The HTTP adapter: webhook (signed JSON) or sendgrid (v3 mail/send JSON).")
    var adapter: HTTPAdapter = .webhook

    @Option(help: "The transport's connection limit per host (maxConnectionsPerHost).")
    var connections = 16

    @Option(help: "SMTP transfer threads of the transport (smtpThreads).")
    var smtpThreads = TransportConfiguration().smtpThreads

    @Option(help: "Size of each email in bytes (SMTP MIME or SendGrid content).")
    var emailBytes = 4_096

    func validate() throws {
        guard messages > 0, concurrency > 0, connections > 0, smtpThreads > 0 else {
            throw ValidationError("--messages, --concurrency, --connections and --smtp-threads must be positive")
        }
    }

    func run() async throws {
        var configuration = TransportConfiguration()
        configuration.maxConnectionsPerHost = connections
        configuration.smtpThreads = smtpThreads
        let transport = try Transport(configuration: configuration)
        defer { transport.shutdown() }
        let target = try makeAdapter(transport)
        let warmUp = BenchMessages.make(count: min(messages / 10, 5_000), kind: target.payloadKind, bytes: emailBytes)
        _ = await BenchRun.send(warmUp, through: target, concurrency: concurrency)
        let batch = BenchMessages.make(count: messages, kind: target.payloadKind, bytes: emailBytes)
        let result = await BenchRun.send(batch, through: target, concurrency: concurrency)
        let name = channel == .smtp ? "smtp" : adapter.rawValue
        let threads = channel == .smtp ? ", \(smtpThreads) smtp threads" : ""
        print(
            "\(name): \(messages) messages, concurrency \(concurrency), \(connections) connections\(threads)"
        )
        print(result.summary)
        if let failure = result.firstFailure {
            printError("first failure of \(result.failed): \(failure)")
            throw ExitCode.failure
        }
    }

    private func makeAdapter(_ transport: Transport) throws -> any ChannelAdapter {
        // Throwaway secrets: the bench only ever talks to local servers.
        let environment = [
            "HOMING_BENCH_SECRET": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
            "HOMING_BENCH_API_KEY": "SG.bench",
        ]
        switch (channel, adapter) {
        case (.smtp, _):
            let configuration = SMTPConfiguration(url: url, starttls: .off, envelopeFrom: "bounces@shop.test")
            return try SMTPAdapter(configuration: configuration, transport: transport, environment: environment)
        case (.http, .webhook):
            let configuration = WebhookConfiguration(url: url, secretVariable: "HOMING_BENCH_SECRET")
            return try WebhookAdapter(configuration: configuration, transport: transport, environment: environment)
        case (.http, .sendgrid):
            let configuration = SendGridConfiguration(
                baseURL: url,
                apiKeyVariable: "HOMING_BENCH_API_KEY",
                fromEmail: "hello@shop.test",
                fromName: "Shop"
            )
            return try SendGridAdapter(configuration: configuration, transport: transport, environment: environment)
        }
    }
}
