import Foundation
import HomingChannels
import HomingCore
import HomingSink
import Testing

/// The JSONL recording: every answered message is a line once the sink has stopped, even though
/// lines are buffered in memory between writes, and any body text survives the hand-written
/// escaping byte for byte.
@Suite struct RecordingTests {
    @Test func bodiesWithQuotesBackslashesControlsAndNonASCIIRoundTrip() async throws {
        let fixture = try await SinkFixture()
        let controls = String(decoding: (0..<0x20).map { UInt8($0) }, as: UTF8.self)
        let bodies = [
            #"{"text":"say \"hi\"\\n","path":"C:\\shop"}"#,
            "plain run, then \(controls) then more",
            "Bonjour — 你好 👋\u{7F}\"",
            "",
        ]
        for (index, body) in bodies.enumerated() {
            let response = try await fixture.post("/hooks/shop", body, headers: ["webhook-id": "msg_\(index)"])
            #expect(response.status == 200)
        }

        let records = try await fixture.stopAndReadRecords()
        #expect(records.compactMap { $0["body"] as? String } == bodies)
    }

    @Test func everyAnsweredMessageIsALineAfterStop() async throws {
        let fixture = try await SinkFixture()
        let adapter = try fixture.webhook()
        let count = 300
        await withTaskGroup(of: DeliveryOutcome.self) { group in
            for index in 0..<count {
                group.addTask {
                    await adapter.deliver(
                        OutgoingMessage(
                            recipient: "c_\(index)",
                            idempotencyKey: "msg_\(index)",
                            payload: .fields(["n": "\(index)"])
                        )
                    )
                }
            }
            for await outcome in group { #expect(outcome == .delivered(providerMessageID: nil)) }
        }

        // Stopped at once: the last lines are still in the writer's memory buffer here.
        let records = try await fixture.stopAndReadRecords()
        let keys = Set(records.compactMap { $0["idempotency_key"] as? String })
        #expect(records.count == count)
        #expect(keys == Set((0..<count).map { "msg_\($0)" }))
    }
}
