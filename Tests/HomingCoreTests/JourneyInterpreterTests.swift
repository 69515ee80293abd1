import Foundation
import HomingCore
import Testing

/// `JourneyInterpreter.advance`: sends, waits, exits on purchase, branches, goal conversion.
@Suite struct JourneyInterpreterTests {
    private let paris = TimeZone(identifier: "Europe/Paris")!
    private let entered = Instant(secondsSince1970: 1_780_000_000)

    private func send(_ message: String) -> JourneyStep { JourneyStep(.send(SendStep(message: message))) }

    private var winBack: JourneyProgram {
        JourneyProgram(
            compiling: [
                send("miss-you"),
                JourneyStep(.wait(.duration(seconds: 5 * 86_400))),
                JourneyStep(.exitIf([.orderedSinceEntry])),
                send("offer"),
            ],
            goal: JourneyGoal(orderWithinSeconds: 30 * 86_400),
            segments: ["at_risk"]
        )
    }

    private func advance(
        _ program: JourneyProgram,
        from index: Int,
        _ facts: EnrolmentFacts,
        at now: Instant
    )
        -> JourneyAdvance
    {
        JourneyInterpreter.advance(program, from: index, facts: facts, now: now, timeZone: paris)
    }

    @Test func walksSendWaitSendToCompletion() {
        let program = JourneyProgram(compiling: [send("a"), JourneyStep(.wait(.duration(seconds: 3600))), send("b")])
        let facts = EnrolmentFacts(enteredAt: entered)
        guard case .send(let first, "1", 1) = advance(program, from: 0, facts, at: entered) else {
            return #expect(Bool(false))
        }
        #expect(first.message == "a")
        #expect(
            advance(program, from: 1, facts, at: entered)
                == .wait(until: entered.adding(seconds: 3600), stepID: "2", next: 2)
        )
        guard case .send(let second, "3", 3) = advance(program, from: 2, facts, at: entered.adding(seconds: 3600))
        else {
            return #expect(Bool(false))
        }
        #expect(second.message == "b")
        #expect(advance(program, from: 3, facts, at: entered.adding(seconds: 3600)) == .completed)
    }

    @Test func exitsOnAPurchaseSinceEntry() {
        let program = JourneyProgram(compiling: [JourneyStep(.exitIf([.orderedSinceEntry])), send("nudge")])
        let now = entered.adding(days: 3)
        let ordered = EnrolmentFacts(enteredAt: entered, firstOrderSinceEntry: entered.adding(days: 1))
        #expect(advance(program, from: 0, ordered, at: now) == .exited(.orderedSinceEntry))
        // An order the store knows about but dated after `now` has not happened yet at this step.
        let later = EnrolmentFacts(enteredAt: entered, firstOrderSinceEntry: now.adding(days: 1))
        guard case .send = advance(program, from: 0, later, at: now) else { return #expect(Bool(false)) }
    }

    @Test func theGoalConvertsBeforeAnyExit() {
        let order = entered.adding(days: 2)
        let facts = EnrolmentFacts(enteredAt: entered, firstOrderSinceEntry: order)
        #expect(advance(winBack, from: 2, facts, at: entered.adding(days: 5)) == .converted(at: order))
        // Outside the 30-day goal an order is only an exit.
        let late = EnrolmentFacts(enteredAt: entered, firstOrderSinceEntry: entered.adding(days: 31))
        #expect(advance(winBack, from: 2, late, at: entered.adding(days: 32)) == .exited(.orderedSinceEntry))
    }

    @Test func leavingTheSegmentAndUnsubscribing() {
        let program = JourneyProgram(
            compiling: [JourneyStep(.exitIf([.leftSegment, .unsubscribed])), send("x")],
            segments: ["at_risk", "hibernating"]
        )
        let stayed = EnrolmentFacts(enteredAt: entered, currentSegment: "hibernating")
        guard case .send = advance(program, from: 0, stayed, at: entered) else { return #expect(Bool(false)) }
        let left = EnrolmentFacts(enteredAt: entered, currentSegment: "champions")
        #expect(advance(program, from: 0, left, at: entered) == .exited(.leftSegment))
        let gone = EnrolmentFacts(enteredAt: entered, currentSegment: "at_risk", unsubscribedChannels: [.email])
        #expect(advance(program, from: 0, gone, at: entered) == .exited(.unsubscribed))
    }

    @Test func branchesOnLocaleByPrefix() throws {
        let program = JourneyProgram(compiling: [
            JourneyStep(
                .branch(
                    BranchStep(
                        on: .locale,
                        cases: [
                            BranchCase(values: ["fr"], steps: [send("bonjour")]),
                            BranchCase(values: ["zh-Hant"], steps: [send("traditional")]),
                        ],
                        otherwise: [send("hello")]
                    )
                )
            ),
            send("after"),
        ])
        func first(_ locale: String?) throws -> String? {
            let facts = EnrolmentFacts(enteredAt: entered, locale: try locale.map { try LocaleTag(parsing: $0) })
            guard case .send(let step, _, let next) = advance(program, from: 0, facts, at: entered) else { return nil }
            guard case .send(let after, _, _) = advance(program, from: next, facts, at: entered) else { return nil }
            #expect(after.message == "after")
            return step.message
        }
        #expect(try first("fr-CA") == "bonjour")
        #expect(try first("zh-TW") == "traditional")  // zh-TW implies zh-Hant
        #expect(try first("zh-CN") == "hello")
        #expect(try first(nil) == "hello")
    }

    @Test func branchesOnAnAttributeIgnoringCase() {
        let program = JourneyProgram(compiling: [
            JourneyStep(
                .branch(BranchStep(on: .attribute("country"), cases: [BranchCase(values: ["fr"], steps: [send("fr")])]))
            ),
            send("all"),
        ])
        let french = EnrolmentFacts(enteredAt: entered, attributes: ["country": "FR"])
        guard case .send(let step, "1.fr.1", _) = advance(program, from: 0, french, at: entered) else {
            return #expect(Bool(false))
        }
        #expect(step.message == "fr")
        guard case .send(let other, "2", _) = advance(program, from: 0, EnrolmentFacts(enteredAt: entered), at: entered)
        else { return #expect(Bool(false)) }
        #expect(other.message == "all")
    }

    @Test func waitsUntilTheNextLocalTimeInTheCustomersZone() throws {
        let ten = try #require(LocalTimeOfDay(parsing: "10:00"))
        let program = JourneyProgram(compiling: [JourneyStep(.wait(.untilLocalTime(ten))), send("morning")])
        // 21:30 CET on 2026-03-28; the next 10:00 is CEST, 08:00Z.
        let now = try Instant(iso8601: "2026-03-28T20:30:00Z")
        #expect(
            advance(program, from: 0, EnrolmentFacts(enteredAt: now), at: now)
                == .wait(until: try Instant(iso8601: "2026-03-29T08:00:00Z"), stepID: "1", next: 1)
        )
    }

    @Test func anIndexPastTheEndCompletes() {
        #expect(advance(winBack, from: 99, EnrolmentFacts(enteredAt: entered), at: entered) == .completed)
    }
}
