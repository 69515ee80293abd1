import HomingConfig
import HomingCore
import Testing

/// Each mistake in a journey file is refused with `FILE:LINE:` and what to write instead.
@Suite struct JourneyFileErrorTests {
    private let header = ["id: welcome", "entry: customer_created", "steps:"]

    private func message(_ lines: [String], file: String = "journeys/welcome.yaml") -> String? {
        do {
            _ = try JourneyFile(yaml: lines.joined(separator: "\n") + "\n", file: file)
            return nil
        } catch {
            return error.description
        }
    }

    private func expectError(_ lines: [String], line: Int, mentioning words: [String]) {
        guard let text = message(lines) else {
            Issue.record("\(lines) should be refused")
            return
        }
        #expect(text.hasPrefix("journeys/welcome.yaml:\(line): "), "\(text)")
        for word in words { #expect(text.contains(word), "\(text) should mention \(word)") }
    }

    @Test func aMinimalFileLoads() throws {
        #expect(message(header + ["  - send: welcome"]) == nil)
    }

    @Test func unknownTopLevelField() {
        expectError(
            ["id: welcome", "entry: customer_created", "holdot: 10%", "steps:", "  - send: welcome"],
            line: 3,
            mentioning: ["unknown field \"holdot\"", "holdout"]
        )
    }

    @Test func unknownFieldInAStep() {
        expectError(
            header + ["  - send: welcome", "    chanels: [email]"],
            line: 5,
            mentioning: ["\"chanels\"", "channels"]
        )
    }

    @Test func unknownStepKind() {
        expectError(
            header + ["  - send: welcome", "  - email: welcome-nudge"],
            line: 5,
            mentioning: ["unknown step kind \"email\"", "send, wait, exit_if, branch"]
        )
    }

    @Test func unknownChannel() {
        expectError(
            header + ["  - send: welcome", "    channels: [email, fax]"],
            line: 5,
            mentioning: ["unknown channel \"fax\"", "email, sms, push, webhook"]
        )
    }

    @Test(arguments: ["3 days", "3", "d", "0d", "1.5h", "3y", "-2d"])
    func badDuration(text: String) {
        expectError(header + ["  - send: welcome", "  - wait: \(text)"], line: 5, mentioning: ["\"\(text)\"", "3d"])
    }

    @Test func goodDurations() throws {
        for (text, seconds) in [("45s", 45), ("30m", 1800), ("12h", 43_200), ("3d", 259_200), ("2w", 1_209_600)] {
            let file = try JourneyFile(
                yaml: (header + ["  - wait: \(text)"]).joined(separator: "\n"),
                file: "welcome.yaml"
            )
            #expect(file.definition.program.instructions[0].operation == .wait(.duration(seconds: Int64(seconds))))
        }
    }

    @Test func badTimeOfDay() {
        expectError(
            header + ["  - send: welcome", "  - wait: { until: \"25:00\" }"],
            line: 5,
            mentioning: ["\"25:00\"", "HH:MM"]
        )
    }

    @Test func unknownExitCondition() {
        expectError(
            header + ["  - send: welcome", "  - exit_if: [unsubscribed, bought]"],
            line: 5,
            mentioning: ["unknown exit condition \"bought\"", "ordered_since_entry"]
        )
    }

    @Test func duplicateStepIDs() {
        expectError(
            header + [
                "  - id: hello", "    send: welcome", "  - wait: 1d", "  - id: hello", "    send: welcome-nudge",
            ],
            line: 7,
            mentioning: ["\"hello\"", "line 4"]
        )
    }

    @Test func holdoutOutOfRange() {
        for share in ["60%", "0.6", "-1%", "lots"] {
            expectError(
                ["id: welcome", "entry: manual", "holdout: \(share)", "steps:", "  - send: welcome"],
                line: 3,
                mentioning: ["holdout", "50%"]
            )
        }
    }

    @Test func idDiffersFromTheFileName() {
        expectError(
            ["# welcome", "id: hello", "entry: manual", "steps:", "  - send: welcome"],
            line: 2,
            mentioning: ["\"hello\"", "hello.yaml", "id: welcome"]
        )
    }

    @Test func unknownEntry() {
        expectError(
            ["id: welcome", "entry: signup", "steps:", "  - send: welcome"],
            line: 2,
            mentioning: ["\"signup\"", "customer_created"]
        )
    }

    @Test func branchCaseValueTwice() {
        expectError(
            header + [
                "  - branch: locale", "    cases:", "      - { when: [fr], steps: [{ send: a }] }",
                "      - { when: [en, fr], steps: [{ send: b }] }",
            ],
            line: 7,
            mentioning: ["\"fr\"", "line 6"]
        )
    }

    @Test func duplicateJourneyIDsAcrossFiles() {
        let text = (header + ["  - send: welcome"]).joined(separator: "\n")
        do {
            _ = try JourneySettings(files: [("a/welcome.yaml", text), ("b/welcome.yaml", text)])
            Issue.record("two welcome journeys should be refused")
        } catch {
            #expect(error.description.hasPrefix("b/welcome.yaml:1: "))
            #expect(error.description.contains("a/welcome.yaml"))
        }
    }

    @Test func unknownMessageNamesItsLine() throws {
        let file = try JourneyFile(
            yaml: (header + ["  - send: welcome", "  - wait: 1d", "  - send: welcome-nuge"]).joined(separator: "\n"),
            file: "journeys/welcome.yaml"
        )
        #expect(throws: Never.self) { try file.checkMessages(known: ["welcome", "welcome-nuge"]) }
        do {
            try file.checkMessages(known: ["welcome", "welcome-nudge"])
            Issue.record("welcome-nuge has no templates")
        } catch {
            #expect(error.description.hasPrefix("journeys/welcome.yaml:6: "))
            #expect(error.description.contains("\"welcome-nuge\""))
        }
    }

    @Test func aChannelWithoutTemplatesNamesItsLine() throws {
        let file = try JourneyFile(
            yaml: (header + ["  - send: welcome", "    channels: [push, sms, webhook]"]).joined(separator: "\n"),
            file: "journeys/welcome.yaml"
        )
        #expect(throws: Never.self) { try file.checkMessages(channelsOf: { _ in ["push", "sms"] }) }
        do {
            try file.checkMessages(channelsOf: { $0 == "welcome" ? ["email", "push"] : [] })
            Issue.record("welcome has no sms templates")
        } catch {
            #expect(error.description.hasPrefix("journeys/welcome.yaml:4: "))
            #expect(error.description.contains("no sms templates"))
        }
        #expect(throws: ConfigError.self) { try file.checkMessages(channelsOf: { _ in [] }) }
    }
}
