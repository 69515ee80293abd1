import HomingCore
import Testing

/// Whether a customer may enter a journey again.
@Suite struct ReentryPolicyTests {
    private let now = Instant(secondsSince1970: 1_800_000_000)

    @Test func firstEntryIsAlwaysAllowed() {
        for policy in [ReentryPolicy.never, .after(seconds: 86_400), .perTrigger] {
            #expect(policy.allowsEntry(previousEntry: nil, now: now))
        }
    }

    @Test func neverMeansOnce() {
        #expect(!ReentryPolicy.never.allowsEntry(previousEntry: now.adding(days: -3650), now: now))
    }

    @Test func afterADurationCountsFromThePreviousEntry() {
        let ninetyDays = ReentryPolicy.after(seconds: 90 * 86_400)
        #expect(!ninetyDays.allowsEntry(previousEntry: now.adding(days: -89), now: now))
        #expect(ninetyDays.allowsEntry(previousEntry: now.adding(days: -90), now: now))
        #expect(ninetyDays.allowsEntry(previousEntry: now.adding(days: -200), now: now))
    }

    /// Per-trigger re-entry is decided by the store's unique key per order, so the policy allows it.
    @Test func perTriggerLeavesDuplicatesToTheStore() {
        #expect(ReentryPolicy.perTrigger.allowsEntry(previousEntry: now, now: now))
    }
}
