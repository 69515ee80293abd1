import HomingCore
import Testing

/// Steps compile to a flat, forward-only instruction list with stable step ids.
@Suite struct JourneyProgramTests {
    private func send(_ message: String) -> JourneyStep { JourneyStep(.send(SendStep(message: message))) }

    private var branching: JourneyProgram {
        JourneyProgram(compiling: [
            send("hello"),
            JourneyStep(.wait(.duration(seconds: 60))),
            JourneyStep(.exitIf([.orderedSinceEntry])),
            JourneyStep(
                .branch(
                    BranchStep(
                        on: .locale,
                        cases: [
                            BranchCase(values: ["fr"], steps: [send("bonjour"), send("encore")]),
                            BranchCase(values: ["zh", "ja"], steps: [send("nihao")]),
                        ],
                        otherwise: [send("hi")]
                    )
                )
            ),
            JourneyStep(id: "bye", .send(SendStep(message: "bye"))),
        ])
    }

    @Test func stepIDsComeFromPositionsOrGivenIDs() {
        #expect(
            branching.instructions.map(\.stepID) == [
                "1", "2", "3", "4", "4.fr.1", "4.fr.2", "4.join", "4.zh.1", "4.join", "4.otherwise.1", "bye", "end",
            ]
        )
    }

    @Test func branchTargetsAndJumpsPointForward() {
        let instructions = branching.instructions
        #expect(
            instructions[3].operation
                == .branch(
                    on: .locale,
                    cases: [.init(values: ["fr"], target: 4), .init(values: ["zh", "ja"], target: 7)],
                    otherwise: 9
                )
        )
        #expect(instructions[6].operation == .jump(10))
        #expect(instructions[8].operation == .jump(10))
        #expect(instructions.last?.operation == .end)
    }

    @Test func aNamedParentPrefixesItsChildren() {
        let program = JourneyProgram(compiling: [
            JourneyStep(
                id: "by-country",
                .branch(BranchStep(on: .attribute("country"), cases: [BranchCase(values: ["FR"], steps: [send("a")])]))
            )
        ])
        #expect(program.instructions.map(\.stepID) == ["by-country", "by-country.FR.1", "by-country.join", "end"])
    }

    @Test func channelsAndSendsAreListed() {
        let program = JourneyProgram(compiling: [
            JourneyStep(.send(SendStep(message: "a", channels: .firstAvailable([.push, .sms])))),
            JourneyStep(.send(SendStep(message: "b", channels: .all([.email])))),
        ])
        #expect(program.channels == [.push, .sms, .email])
        #expect(program.sends.map(\.stepID) == ["1", "2"])
    }
}
