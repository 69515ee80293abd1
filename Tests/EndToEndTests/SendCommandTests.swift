import Foundation
import HomingTestSupport
import Testing

/// `homing send` through every shipped channel to a real `homing sink`, as an operator would check a set-up.
@Suite(.serialized) struct SendCommandTests {
    @Test func everyShippedChannelDeliversToTheSink() throws {
        let directory = try TemporaryDirectory()
        let capture = directory.url.appendingPathComponent("sink.jsonl").path
        let sink = try HomingProcess.start(
            ["sink", "--smtp-port", "0", "--http-port", "0", "--out", capture],
            in: directory.url
        )
        let lines = try sink.waitForStdoutLines(2)
        let smtp = try #require(lines.first { $0.hasPrefix("smtp listening on ") }?.split(separator: " ").last)
        let http = try #require(lines.first { $0.hasPrefix("http listening on ") }?.split(separator: " ").last)
        // The shipped channel files, pointed at this sink's ports instead of the defaults.
        let channels = directory.url.appendingPathComponent("channels")
        try FileManager.default.createDirectory(at: channels, withIntermediateDirectories: true)
        for name in ["email", "sms", "push", "webhook"] {
            let shipped = try String(
                contentsOf: RepositoryPaths.root.appendingPathComponent("channels/\(name).yaml"),
                encoding: .utf8
            )
            try shipped.replacingOccurrences(of: "127.0.0.1:2525", with: String(smtp))
                .replacingOccurrences(of: "127.0.0.1:8025", with: String(http))
                .write(to: channels.appendingPathComponent("\(name).yaml"), atomically: true, encoding: .utf8)
        }
        let cases = [
            ("email", "ana@example.com", "fr"), ("sms", "+33612345678", "fr"), ("push", "device-token-1", "zh-TW"),
            ("webhook", "c_1042", "en"),
        ]
        for (channel, address, locale) in cases {
            let run = try HomingBinary.run(
                [
                    "send", "--channel", channel, "--to", address, "--message", "welcome", "--locale", locale,
                    "--channels", channels.path, "--templates",
                    RepositoryPaths.root.appendingPathComponent("templates").path,
                    "--config", RepositoryPaths.config.path,
                ],
                in: directory.url
            )
            #expect(run.exitCode == 0, "\(run)")
            #expect(run.stdout.contains("delivered"), "\(run)")
        }
        let unknown = try HomingBinary.run(
            [
                "send", "--channel", "email", "--to", "a@b.example", "--message", "no-such-message", "--channels",
                channels.path,
                "--templates", RepositoryPaths.root.appendingPathComponent("templates").path,
            ],
            in: directory.url
        )
        #expect(unknown.exitCode != 0)
        #expect(unknown.stderr.contains("no message \"no-such-message\""))
        sink.signal(SIGTERM)
        _ = try sink.waitForExit()
        let records = try String(contentsOfFile: capture, encoding: .utf8).split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        let accepted = records.filter { $0["outcome"] as? String == "accepted" }
        #expect(Set(accepted.compactMap { $0["provider"] as? String }) == ["smtp", "twilio", "fcm", "webhook"])
        let email = try #require(accepted.first { $0["provider"] as? String == "smtp" })
        #expect((email["subject"] as? String)?.isEmpty == false)
        #expect((email["idempotency_key"] as? String)?.hasPrefix("send_") == true)
        let push = try #require(accepted.first { $0["provider"] as? String == "fcm" })
        #expect(push["recipient"] as? String == "device-token-1")
    }
}
