import Foundation
import HomingCore
import HomingEngine
import HomingStore
import Testing

@Suite struct PlanningTests {
    static let oneSend = """
        id: promo
        entry: manual
        reentry: never
        steps:
          - id: first
            send: welcome
            channels: [push, email, sms]
        """

    @Test func launchingTwicePlansEachMessageOnce() throws {
        let shop = try EngineFixture(customers: ["c1,ann@example.com,,,Ann,,en,,,,true,false,false"])
        let journey = try shop.journey(Self.oneSend)
        #expect(try shop.launch(journey).enrolled == 1)
        let again = try shop.launch(journey)
        #expect(again.enrolled == 0)
        #expect(again.alreadyEnrolled == 1)
        #expect(try shop.outbox().count == 1)
    }

    @Test func aDryRunCountsWhatALaunchWouldDoAndWritesNothing() throws {
        let shop = try EngineFixture(customers: [
            "c1,ann@example.com,,,,,en,,,,true,false,false",
            "c2,,,,,,fr,,,,false,false,false",
        ])
        let journey = try shop.journey(Self.oneSend)
        let candidates = try shop.store.recipients(inSegments: nil).map { JourneyPlanner.Candidate(recipient: $0) }
        let preview = try shop.planner([journey]).enrol(
            journey,
            candidates: candidates,
            now: shop.clock.now,
            dryRun: true
        )
        #expect(preview.enrolled == 2)
        #expect(preview.planned.total == 2)
        #expect(preview.planned.unreachable == 1)
        #expect(try shop.outbox().isEmpty)
        #expect(try shop.store.enrolmentStates(journey: "promo").isEmpty)
        let real = try shop.launch(journey)
        #expect(real.enrolled == preview.enrolled)
        #expect(real.planned == preview.planned)
    }

    @Test func concurrentLaunchesFromTwoConnectionsPlanEachMessageOnce() async throws {
        let customers = (1...300).map { "c\($0),c\($0)@example.com,,,,,en,,,,true,false,false" }
        let shop = try EngineFixture(customers: customers)
        let journey = try shop.journey(Self.oneSend)
        let path = shop.directory.url.appendingPathComponent("homing.db").path
        let now = shop.clock.now
        let totals = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<2 {
                group.addTask {
                    let store = try SQLiteStore(path: path)
                    let candidates = try store.recipients(inSegments: nil).map {
                        JourneyPlanner.Candidate(recipient: $0)
                    }
                    let planner = JourneyPlanner(store: store, journeys: [journey])
                    return try planner.enrol(journey, candidates: candidates, now: now, dryRun: false).enrolled
                }
            }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(totals.reduce(0, +) == 300)
        let rows = try shop.outbox()
        #expect(rows.count == 300)
        #expect(Set(rows.map(\.key)).count == 300)
    }

    @Test func theFirstChannelWithConsentAndAnAddressIsChosen() throws {
        let shop = try EngineFixture(customers: [
            // A push token without push consent: email is next.
            "pushless,ann@example.com,,tok-1,,,en,,,,true,false,false",
            // No email consent: SMS.
            "texter,bob@example.com,+33612345678,,,,fr,,,,false,true,false",
            // Push with consent comes first.
            "app,cat@example.com,,tok-3,,,en,,,,true,false,true",
        ])
        try shop.launch(try shop.journey(Self.oneSend))
        let channels = Dictionary(uniqueKeysWithValues: try shop.outbox().map { ($0.customerID, $0.channel) })
        #expect(channels == ["pushless": "email", "texter": "sms", "app": "push"])
    }

    @Test func reentryWaitsForItsDuration() throws {
        let shop = try EngineFixture(customers: ["c1,ann@example.com,,,,,en,,,,true,false,false"])
        let journey = try shop.journey(
            Self.oneSend.replacingOccurrences(of: "reentry: never", with: "reentry:\n  after: 3d")
        )
        #expect(try shop.launch(journey).enrolled == 1)
        shop.clock.advance(seconds: 86_400)
        #expect(try shop.launch(journey).alreadyEnrolled == 1)
        shop.clock.advance(seconds: 2 * 86_400)
        #expect(try shop.launch(journey).enrolled == 1)
        #expect(try shop.outbox().count == 2)
    }

    @Test func holdoutCustomersAreRecordedAsControlAndPlannedNothing() throws {
        let customers = (1...400).map { "h\($0),h\($0)@example.com,,,,,en,,,,true,false,false" }
        let shop = try EngineFixture(customers: customers)
        let journey = try shop.journey(Self.oneSend.replacingOccurrences(of: "reentry: never", with: "holdout: 25%"))
        let summary = try shop.launch(journey)
        #expect(summary.holdout + summary.enrolled == 400)
        #expect((70...130).contains(summary.holdout))
        let control = Set(
            try shop.store.enrolmentStates(journey: "promo").filter { $0.state == "control" }.map(\.customerID)
        )
        let expected = Set(
            (1...400).map { "h\($0)" }.filter { Holdout.isControl(journeyID: "promo", customerID: $0, share: 0.25) }
        )
        #expect(control == expected)
        #expect(try shop.outbox().allSatisfy { !control.contains($0.customerID) })
        #expect(try shop.outbox().count == 400 - control.count)
    }

    @Test func anOrderAfterEntryEndsTheJourneyAtItsExitStep() throws {
        let shop = try EngineFixture(customers: [
            "buyer,ann@example.com,,,,,en,,,,true,false,false",
            "idle,bob@example.com,,,,,en,,,,true,false,false",
        ])
        let journey = try shop.journey(
            """
            id: nudge
            entry: manual
            steps:
              - send: welcome
                channels: [email]
              - wait: 5d
              - exit_if: ordered_since_entry
              - send: welcome-nudge
                channels: [email]
            """
        )
        try shop.launch(journey)
        let orderedAt = shop.clock.now.adding(seconds: 86_400)
        try shop.importOrders(["o1,buyer,\(orderedAt.iso8601),20.00,EUR,completed,,"])
        let planner = shop.planner([journey])
        shop.clock.advance(seconds: 4 * 86_400)
        #expect(try planner.planDue(now: shop.clock.now) == 0)
        shop.clock.advance(seconds: 86_400 + 1)
        #expect(try planner.planDue(now: shop.clock.now) == 2)
        let states = Dictionary(
            uniqueKeysWithValues: try shop.store.enrolmentStates(journey: "nudge").map { ($0.customerID, $0.state) }
        )
        #expect(states == ["buyer": "exited", "idle": "completed"])
        let nudges = try shop.outbox().filter { $0.message == "welcome-nudge" }.map(\.customerID)
        #expect(nudges == ["idle"])
    }
}
