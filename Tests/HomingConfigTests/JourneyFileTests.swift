import Foundation
import HomingConfig
import HomingCore
import HomingTestSupport
import Testing

/// Every journey feature read from YAML into the model.
@Suite struct JourneyFileTests {
    private let text = """
        id: vip
        description: Everything a journey can say.
        entry:
          segment_entered: [champions, loyal]
        audience:
          segments: [champions]
          locales: [fr, zh-Hant]
          consent: [email, sms]
        reentry:
          after: 2w
        holdout: 0.05
        goal:
          order_within: 10d
        steps:
          - id: hello
            send: vip-hello
            channels: [email, sms, webhook]
            pick: all
            offer: { percent: 20, valid_for: 7d, code_prefix: VIP }
          - wait: { until: "10:00" }
          - exit_if: [left_segment, unsubscribed]
          - branch: { attribute: country }
            cases:
              - when: [FR, BE]
                steps:
                  - send: vip-fr
                    transactional: true
            otherwise:
              - send: vip-world
        """

    @Test func everyFieldIsRead() throws {
        let journey = try JourneyFile(yaml: text, file: "config/journeys/vip.yaml").definition
        #expect(journey.id == "vip")
        #expect(journey.description == "Everything a journey can say.")
        #expect(journey.entry == .segmentEntered(["champions", "loyal"]))
        #expect(
            journey.audience
                == Audience(
                    segments: ["champions"],
                    localePrefixes: ["fr", "zh-Hant"],
                    consent: .channels([.email, .sms])
                )
        )
        #expect(journey.reentry == .after(seconds: 14 * 86_400))
        #expect(journey.holdoutShare == 0.05)
        #expect(journey.goal == JourneyGoal(orderWithinSeconds: 10 * 86_400))
        #expect(journey.program.segments == ["champions"])
        let operations = journey.program.instructions.map(\.operation)
        #expect(
            operations[0]
                == .send(
                    SendStep(
                        message: "vip-hello",
                        channels: .all([.email, .sms, .webhook]),
                        offer: Offer(percent: 20, validForSeconds: 7 * 86_400, codePrefix: "VIP")
                    )
                )
        )
        #expect(operations[1] == .wait(.untilLocalTime(LocalTimeOfDay(hour: 10, minute: 0)!)))
        #expect(operations[2] == .exitIf([.leftSegment, .unsubscribed]))
        #expect(operations[4] == .send(SendStep(message: "vip-fr", transactional: true)))
        #expect(
            journey.program.instructions.map(\.stepID) == [
                "hello", "2", "3", "4", "4.FR.1", "4.join", "4.otherwise.1", "end",
            ]
        )
    }

    @Test func messagesKeepTheirLines() throws {
        let file = try JourneyFile(yaml: text, file: "config/journeys/vip.yaml")
        #expect(file.messages.map(\.message) == ["vip-hello", "vip-fr", "vip-world"])
        #expect(file.messages.map(\.line) == [16, 26, 29])
    }

    /// The annotated example in README.md's "Journeys" section is a valid journey.
    @Test func theReadmeExampleLoads() throws {
        let readme = try String(contentsOf: RepositoryPaths.root.appendingPathComponent("README.md"), encoding: .utf8)
        let section = try #require(readme.range(of: "## Journeys")).upperBound
        let start = try #require(readme.range(of: "```yaml\n", range: section..<readme.endIndex)).upperBound
        let end = try #require(readme.range(of: "```", range: start..<readme.endIndex)).lowerBound
        let journey = try JourneyFile(yaml: String(readme[start..<end]), file: "win-back.yaml").definition
        #expect(journey.program.sends.map(\.step.message).contains("win-back-offer"))
    }
}
