import Foundation
import HomingCore
import HomingStore
import HomingTestSupport
import Testing

/// Issue 5's crash test: a 20k-message launch, the dispatcher SIGKILLed at random moments and
/// restarted, and afterwards every message delivered, with duplicates bounded by what was in flight.
@Suite(.serialized) struct CrashSafetyTests {
    static let consenting = 22_300
    static let withoutConsent = 500
    static let bouncing = 200
    static let concurrency = 32
    static let kills = 5

    @Test func killedDispatchersLoseNothingAndResendAtMostWhatWasInFlight() throws {
        let directory = try TemporaryDirectory()
        let url = directory.url
        let config = try Self.configWithBlastJourney(in: url)
        let capture = url.appendingPathComponent("sink.jsonl").path
        let sink = try HomingProcess.start(
            [
                "sink", "--smtp-port", "0", "--http-port", "0", "--out", capture, "--reject-recipients",
                "@bounce\\.example$",
            ],
            in: url
        )
        let httpLine = try sink.waitForStdoutLines(2).first { $0.hasPrefix("http listening on ") }
        let httpAddress = try #require(httpLine?.split(separator: " ").last.map(String.init))
        let channels = try Self.channels(in: url, sink: httpAddress)
        let environment = [
            "HOMING_DB": url.appendingPathComponent("homing.db").path,
            "HOMING_LINK_SECRET": "crash-test-secret-0123456789",
        ]
        let homing = { (arguments: [String]) throws -> HomingRun in
            try HomingBinary.run(arguments + ["--config", config], in: url, environment: environment)
        }
        let imported = try homing(["import", "customers", try Self.customers(in: url)])
        #expect(imported.exitCode == 0, "\(imported)")
        let launched = try homing(["launch", "blast"])
        #expect(launched.exitCode == 0, "\(launched)")

        let runArguments = [
            "run", "--until-idle", "--concurrency", "\(Self.concurrency)", "--lease", "2", "--channels", channels,
            "--templates", RepositoryPaths.root.appendingPathComponent("templates").path,
        ]
        var kills = 0
        var random = SystemRandomNumberGenerator()
        while kills < Self.kills {
            let dispatcher = try HomingProcess.start(
                runArguments + ["--config", config],
                in: url,
                environment: environment
            )
            Thread.sleep(forTimeInterval: Double.random(in: 0.4...1.6, using: &random))
            dispatcher.signal(SIGKILL)
            let ended = try dispatcher.waitForExit()
            if ended.exitCode == 0 { break }  // it finished before the kill: nothing left to interrupt
            kills += 1
        }
        let finished = try homing(runArguments)
        #expect(finished.exitCode == 0, "\(finished)")
        sink.signal(SIGTERM)
        _ = try sink.waitForExit()

        let store = try SQLiteStore(path: environment["HOMING_DB"]!)
        let rows = try store.outboxEntries()
        let states = Dictionary(grouping: rows, by: \.state).mapValues(\.count)
        #expect(rows.allSatisfy { [.sent, .skipped, .suppressed].contains($0.state) }, "\(states)")
        let sentKeys = Set(rows.filter { $0.state == .sent }.map(\.key))
        let accepted = try Self.acceptedLines(capture)
        let acceptedKeys = accepted.map(\.key)
        #expect(Set(acceptedKeys) == sentKeys)
        #expect(sentKeys.count >= 19_000)
        let duplicates = acceptedKeys.count - Set(acceptedKeys).count
        let bound = kills * Self.concurrency
        print(
            "crash test: \(kills) kills, \(sentKeys.count) messages sent, \(duplicates) duplicates seen by the sink, bound \(bound) (kills × concurrency)"
        )
        #expect(kills == Self.kills, "the dispatcher finished before it could be killed \(Self.kills) times")
        #expect(duplicates <= bound)

        let control = Set(
            try store.enrolmentStates(journey: "blast").filter { $0.state == "control" }.map(\.customerID)
        )
        let forbidden = control.map { "\($0)@example.com" } + (0..<Self.withoutConsent).map { "quiet\($0)@example.com" }
        let reached = Set(accepted.map(\.recipient))
        #expect(reached.isDisjoint(with: forbidden))
        #expect(reached.allSatisfy { !$0.hasSuffix("@bounce.example") })
        // Every bouncing address that was sent to (not held out) is now suppressed.
        let bounced = (0..<Self.bouncing).filter { !control.contains("b\($0)") }
        #expect(try bounced.allSatisfy { try store.isSuppressed(channel: "email", address: "b\($0)@bounce.example") })
    }

    @Test func sigtermFinishesSendsInFlightReleasesClaimsAndExitsZero() throws {
        let directory = try TemporaryDirectory()
        let url = directory.url
        let config = try Self.configWithBlastJourney(in: url)
        let sink = try HomingProcess.start(
            ["sink", "--smtp-port", "0", "--http-port", "0", "--latency", "100ms"],
            in: url
        )
        let httpLine = try sink.waitForStdoutLines(2).first { $0.hasPrefix("http listening on ") }
        let channels = try Self.channels(
            in: url,
            sink: try #require(httpLine?.split(separator: " ").last.map(String.init))
        )
        let environment = [
            "HOMING_DB": url.appendingPathComponent("homing.db").path,
            "HOMING_LINK_SECRET": "sigterm-test-secret-0123456789",
        ]
        var csv = "customer_id,email,consent_email\n"
        for index in 0..<2_000 { csv += "c\(index),c\(index)@example.com,true\n" }
        try csv.write(to: url.appendingPathComponent("customers.csv"), atomically: true, encoding: .utf8)
        for arguments in [["import", "customers", "customers.csv"], ["launch", "blast"]] {
            let run = try HomingBinary.run(arguments + ["--config", config], in: url, environment: environment)
            #expect(run.exitCode == 0, "\(run)")
        }
        let dispatcher = try HomingProcess.start(
            [
                "run", "--concurrency", "16", "--channels", channels, "--config", config, "--templates",
                RepositoryPaths.root.appendingPathComponent("templates").path,
            ],
            in: url,
            environment: environment
        )
        Thread.sleep(forTimeInterval: 2)
        dispatcher.signal(SIGTERM)
        let ended = try dispatcher.waitForExit()
        #expect(ended.exitCode == 0, "\(ended)")
        sink.signal(SIGTERM)
        _ = try sink.waitForExit()
        let rows = try SQLiteStore(path: environment["HOMING_DB"]!).outboxEntries()
        #expect(rows.contains { $0.state == .sent })
        #expect(rows.contains { $0.state == .scheduled }, "stopped before the end: some rows are left for the next run")
        #expect(!rows.contains { $0.state == .claimed }, "no claim outlives a clean stop")
    }

    /// The shipped config plus a manual one-email journey with a 10% holdout.
    static func configWithBlastJourney(in url: URL) throws -> String {
        let config = url.appendingPathComponent("config")
        try FileManager.default.copyItem(at: RepositoryPaths.config, to: config)
        try """
        id: blast
        entry: manual
        holdout: 10%
        steps:
          - send: win-back-miss-you
            channels: [email]
        """.write(to: config.appendingPathComponent("journeys/blast.yaml"), atomically: true, encoding: .utf8)
        return config.path
    }

    static func channels(in url: URL, sink address: String) throws -> String {
        let channels = url.appendingPathComponent("channels")
        try FileManager.default.createDirectory(at: channels, withIntermediateDirectories: true)
        try """
        channel: email
        adapter: sendgrid
        base_url: http://\(address)
        api_key_env: HOMING_SENDGRID_API_KEY
        from_email: help@shop.example.com
        retry: { max_attempts: 10, base: 1s, cap: 2s }
        """.write(to: channels.appendingPathComponent("email.yaml"), atomically: true, encoding: .utf8)
        return channels.path
    }

    static func customers(in url: URL) throws -> String {
        var csv = "customer_id,email,first_name,locale,consent_email\n"
        for index in 0..<consenting { csv += "c\(index),c\(index)@example.com,Ann,en,true\n" }
        for index in 0..<withoutConsent { csv += "q\(index),quiet\(index)@example.com,Bob,fr,false\n" }
        for index in 0..<bouncing { csv += "b\(index),b\(index)@bounce.example,Cat,en,true\n" }
        let file = url.appendingPathComponent("customers.csv")
        try csv.write(to: file, atomically: true, encoding: .utf8)
        return file.path
    }

    static func acceptedLines(_ path: String) throws -> [(key: String, recipient: String)] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").compactMap { line in
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                object["outcome"] as? String == "accepted"
            else { return nil }
            return (object["idempotency_key"] as? String ?? "", object["recipient"] as? String ?? "")
        }
    }
}
