import Foundation
import HomingChannels
import HomingCore
import HomingSink
import Testing

/// Each injected fault as the adapters see it: retryable failures, 429 with `Retry-After`,
/// latency that still answers.
@Suite struct FaultTests {
    static func message(_ index: Int) -> OutgoingMessage {
        OutgoingMessage(recipient: "+4915112345678", idempotencyKey: "msg_fault_\(index)", payload: .text("hi"))
    }

    @Test func failRateOneMakesEverySendRetryable() async throws {
        let fixture = try await SinkFixture(faults: SinkFaults(failRate: 1))
        let twilio = try fixture.twilio()
        let sendGrid = try fixture.sendGrid()
        let webhook = try fixture.webhook()
        let email = OutgoingMessage(
            recipient: "ana@example.com",
            idempotencyKey: "msg_fault_mail",
            payload: .email(subject: "s", text: "t", html: "h")
        )
        for outcome in [
            await twilio.deliver(Self.message(1)), await sendGrid.deliver(email),
            await webhook.deliver(Self.message(2)),
        ] {
            guard case .retryable(let reason, _) = outcome else {
                Issue.record("expected retryable, got \(outcome)")
                continue
            }
            #expect(reason.hasPrefix("HTTP 503"))
        }
        #expect(fixture.sink.acceptedCount == 0)
        let records = try await fixture.stopAndReadRecords()
        #expect(records.map { $0["outcome"] as? String } == ["failed", "failed", "failed"])
        #expect(records.map { $0["status"] as? Int } == [503, 503, 503])
    }

    /// A bucket of one per second: of five concurrent sends at least one is throttled, and its
    /// `Retry-After: 1` becomes a retry time one second after the adapter's clock.
    @Test func throttleAnswers429WithRetryAfter() async throws {
        let fixture = try await SinkFixture(faults: SinkFaults(throttlePerSecond: 1))
        let twilio = try fixture.twilio()
        let outcomes = await withTaskGroup(of: DeliveryOutcome.self) { group in
            for index in 0..<5 { group.addTask { await twilio.deliver(Self.message(index)) } }
            return await group.reduce(into: []) { $0.append($1) }
        }
        let throttled = outcomes.filter { $0.isRetryable }
        #expect(!throttled.isEmpty, "\(outcomes)")
        for outcome in throttled {
            guard case .retryable(let reason, let notBefore) = outcome else { continue }
            #expect(reason.hasPrefix("HTTP 429"))
            #expect(reason.contains("20429"))
            #expect(notBefore == Instant(millisecondsSince1970: SinkFixture.now.millisecondsSince1970 + 1000))
        }
        let records = try await fixture.stopAndReadRecords()
        let throttledLines = records.filter { $0["outcome"] as? String == "throttled" }
        #expect(throttledLines.count == throttled.count)
        #expect(throttledLines.allSatisfy { $0["status"] as? Int == 429 })
        #expect(fixture.sink.acceptedCount == 5 - throttled.count)
    }

    @Test func latencyDelaysButStillAnswersEveryRequestInOrder() async throws {
        let fixture = try await SinkFixture(faults: SinkFaults(latency: .milliseconds(20)))
        let twilio = try fixture.twilio()
        for index in 0..<3 {
            let outcome = await twilio.deliver(Self.message(index))
            #expect(outcome.isRetryable == false, "\(outcome)")
        }
        #expect(fixture.sink.acceptedCount == 3)
        let records = try await fixture.stopAndReadRecords()
        #expect(records.map { $0["idempotency_key"] as? String } == ["msg_fault_0", "msg_fault_1", "msg_fault_2"])
    }
}
