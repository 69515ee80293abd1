import HomingCore
import HomingEngine
import HomingStore
import Testing

/// A launch writes each enrolment once, already at the cursor its first steps leave it on; the
/// journey must carry on from there exactly as if the enrolment had been inserted and then advanced.
@Suite struct LaunchCursorTests {
    static let twoSends = """
        id: cursor
        entry: manual
        steps:
          - id: first
            send: welcome
            channels: [email]
          - wait: 2d
          - id: second
            send: welcome-nudge
            channels: [email]
        """

    @Test func aLaunchedEnrolmentWaitsAtItsFirstWaitAndResumesWhenItIsDue() throws {
        let shop = try EngineFixture(customers: ["c1,ann@example.com,,,Ann,,en,,,,true,false,false"])
        let journey = try shop.journey(Self.twoSends)
        let launched = shop.clock.now
        #expect(try shop.launch(journey).planned.total == 1)
        #expect(try shop.store.enrolmentStates(journey: "cursor").map(\.state) == ["active"])
        #expect(try shop.store.dueEnrolments(now: launched.adding(seconds: 2 * 86_400 - 1), limit: 10).isEmpty)
        let due = try shop.store.dueEnrolments(now: launched.adding(seconds: 2 * 86_400), limit: 10)
        #expect(due.map(\.dueAt) == [launched.adding(seconds: 2 * 86_400)])

        shop.clock.advance(seconds: 2 * 86_400)
        #expect(try shop.planner([journey]).planDue(now: shop.clock.now) == 1)
        #expect(try shop.outbox().map(\.stepID) == ["first", "second"])
        #expect(try shop.store.enrolmentStates(journey: "cursor").map(\.state) == ["completed"])
    }

    @Test func aJourneyThatEndsAtEntryIsWrittenEndedAndNeverComesDue() throws {
        let shop = try EngineFixture(customers: [
            "c1,ann@example.com,,,Ann,,en,,,,true,false,false",
            "c2,bob@example.com,,,Bob,,fr,,,,true,false,false",
        ])
        let journey = try shop.journey("id: once\nentry: manual\nsteps:\n  - send: welcome\n    channels: [email]\n")
        #expect(try shop.launch(journey).enrolled == 2)
        #expect(try shop.store.enrolmentStates(journey: "once").map(\.state) == ["completed", "completed"])
        #expect(try shop.store.dueEnrolments(now: shop.clock.now.adding(seconds: 365 * 86_400), limit: 10).isEmpty)
        #expect(try shop.store.nextDueInstant() == shop.clock.now)
        #expect(try shop.outbox().count == 2)
    }

    @Test func heldOutCustomersAreRecordedAsControlWithNothingPlanned() throws {
        let customers = (1...40).map { "c\($0),c\($0)@example.com,,,,,en,,,,true,false,false" }
        let shop = try EngineFixture(customers: customers)
        let journey = try shop.journey(Self.twoSends + "\nholdout: 50%\n")
        let summary = try shop.launch(journey)
        let states = try shop.store.enrolmentStates(journey: "cursor").map(\.state)
        #expect(summary.holdout > 0 && summary.enrolled > 0)
        #expect(states.filter { $0 == "control" }.count == summary.holdout)
        #expect(states.filter { $0 == "active" }.count == summary.enrolled)
        #expect(try shop.outbox().count == summary.enrolled)
        let due = try shop.store.dueEnrolments(now: shop.clock.now.adding(seconds: 2 * 86_400), limit: 100)
        #expect(due.count == summary.enrolled)
    }
}
