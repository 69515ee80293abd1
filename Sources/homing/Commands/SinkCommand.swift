import ArgumentParser
import Foundation
import HomingSink

/// `homing sink`: a local stand-in for the email, SMS, push and webhook providers.
///
/// ```
/// homing sink --smtp-port 2525 --http-port 8025 --out sink.jsonl --fail-rate 0.1 --throttle 200/s
/// ```
///
/// Prints one `<protocol> listening on HOST:PORT` line per listener (the real port when 0 was
/// asked for), then runs until SIGINT or SIGTERM, writes the remaining lines and exits 0. No TLS:
/// see ``CaptureSink``.
struct SinkCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sink",
        abstract: "Run a local SMTP and HTTP sink that imitates the providers and records every message.",
        discussion: """
            HTTP endpoints: SendGrid POST /v3/mail/send, Twilio POST /2010-04-01/Accounts/{sid}/Messages.json, \
            FCM POST /v1/projects/{project}/messages:send and POST /token, APNs POST /3/device/{token}, \
            and any POST with a webhook-id header. Cleartext only: no TLS, no STARTTLS. \
            Each message becomes one JSON line in --out (appended).
            """
    )

    @Option(help: "Address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "SMTP port; 0 picks a free one.")
    var smtpPort = 2525

    @Option(help: "HTTP port; 0 picks a free one.")
    var httpPort = 8025

    @Option(help: ArgumentHelp("Append one JSON line per message to this file.", valueName: "FILE.jsonl"))
    var out: String?

    @Option(help: ArgumentHelp("Share of messages (0 to 1) answered 503 / SMTP 451 4.3.0.", valueName: "P"))
    var failRate: String?

    @Option(
        help: ArgumentHelp("Accept at most this rate, then 429 with Retry-After: 1 / SMTP 451 4.7.1.", valueName: "N/s")
    )
    var throttle: String?

    @Option(help: ArgumentHelp("Delay every answer, such as 50ms or 1s.", valueName: "D"))
    var latency: String?

    @Option(help: ArgumentHelp("Reject recipients matching this regular expression as invalid.", valueName: "REGEX"))
    var rejectRecipients: String?

    func validate() throws {
        // Bad values fail here, so ArgumentParser shows this command's usage with the message.
        _ = try sinkConfiguration()
    }

    func run() async throws {
        let configuration = try sinkConfiguration()
        let sink = try await CaptureSink.start(configuration)
        let shownHost = host.contains(":") ? "[\(host)]" : host
        // Written unbuffered: scripts and tests read the ports while the sink keeps running.
        FileHandle.standardOutput.write(
            Data(
                "smtp listening on \(shownHost):\(sink.smtpPort)\nhttp listening on \(shownHost):\(sink.httpPort)\n"
                    .utf8
            )
        )
        if out == nil { printError("not recording: pass --out FILE.jsonl to keep one line per message") }
        let signal = await SignalWatch.nextTermination()
        try await sink.stop()
        printError("stopped by \(signal): \(sink.acceptedCount) messages accepted")
    }

    /// The options as a configuration; a bad value is a ValidationError naming the option.
    func sinkConfiguration() throws -> SinkConfiguration {
        guard (0...65535).contains(smtpPort) else {
            throw ValidationError("--smtp-port: \(smtpPort) is not a port (0-65535)")
        }
        guard (0...65535).contains(httpPort) else {
            throw ValidationError("--http-port: \(httpPort) is not a port (0-65535)")
        }
        var faults = SinkFaults()
        do {
            if let failRate { faults.failRate = try SinkFaults.parseFailRate(failRate) }
            if let throttle { faults.throttlePerSecond = try SinkFaults.parseRate(throttle) }
            if let latency { faults.latency = try SinkFaults.parseLatency(latency) }
            if let rejectRecipients { faults.rejectRecipients = try SinkFaults.recipientPattern(rejectRecipients) }
        } catch {
            throw ValidationError(error.description)
        }
        return SinkConfiguration(host: host, smtpPort: smtpPort, httpPort: httpPort, outputPath: out, faults: faults)
    }
}
