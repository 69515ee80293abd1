import HomingCore
import HomingStore
import Synchronization
import Testing

@testable import HomingEngine

/// The hand-off between send tasks and the dispatcher's loop: the loop wakes for a batch, or for
/// fewer once its patience runs out, and every outcome is taken exactly once.
@Suite struct FinishedSendsTests {
    static func entry(_ id: Int64) -> FinishedSends.Entry {
        let row = ClaimedMessage(
            id: id,
            key: "k\(id)",
            journey: "j",
            stepID: "s",
            message: "m",
            channel: "email",
            transactional: false,
            offer: nil,
            attempts: 0,
            triggerKey: "",
            recipient: Recipient(key: id, customer: Customer(id: "c\(id)"), lastOrderAt: nil, segment: nil)
        )
        let record = DeliveryRecord(outboxID: id, channel: "email", result: .sent(providerMessageID: nil, locale: nil))
        return FinishedSends.Entry(row: row, record: record, started: .now)
    }

    @Test func outcomesFromManyTasksAreEachTakenOnce() async {
        let finished = FinishedSends()
        var taken: [Int64] = []
        await withDiscardingTaskGroup { group in
            for id in 1...200 { group.addTask { finished.add(Self.entry(Int64(id))) } }
            // The loop's side: wait for batches until all 200 are in, as the dispatcher does.
            while taken.count < 200 {
                await finished.wait(for: min(50, 200 - taken.count), patience: .milliseconds(5))
                taken += finished.takeAll().map(\.record.outboxID)
            }
        }
        #expect(taken.count == 200)
        #expect(Set(taken) == Set(1...200))
        #expect(finished.takeAll().isEmpty)
    }

    @Test func aWaitForMoreThanWillComeEndsOnceOneHasWaitedItsPatience() async {
        let finished = FinishedSends()
        finished.add(Self.entry(1))
        // Fifty will never come; the one that did is recorded after the patience, not never.
        await finished.wait(for: 50, patience: .milliseconds(10))
        #expect(finished.takeAll().map(\.record.outboxID) == [1])
    }

    @Test func aWaitWithNothingYetEndsWithTheFirstOutcomeAfterThePatience() async {
        let finished = FinishedSends()
        let adder = Task {
            try? await Task.sleep(for: .milliseconds(30))
            finished.add(Self.entry(7))
        }
        await finished.wait(for: 50, patience: .milliseconds(5))
        #expect(finished.takeAll().map(\.record.outboxID) == [7])
        await adder.value
    }
}
