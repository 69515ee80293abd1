import HomingCore
import Testing

@Suite struct SegmentRuleSetTests {
    /// DESIGN.md §4.3's default table, written out independently of config/segments.yaml.
    static func designRules() throws -> SegmentRuleSet {
        func set(_ text: String) throws -> ScoreSet { try ScoreSet(condition: text) }
        return try SegmentRuleSet(rules: [
            SegmentRule(segment: "lost", r: set("<= 2"), f: set("<= 2"), m: set("<= 2"), line: 1),
            SegmentRule(segment: "hibernating", r: set("<= 2"), f: set("<= 2"), line: 2),
            SegmentRule(segment: "at_risk", r: set("<= 2"), f: set("<= 4"), line: 3),
            SegmentRule(segment: "cannot_lose", r: set("<= 2"), line: 4),
            SegmentRule(segment: "about_to_sleep", r: set("3"), f: set("<= 2"), line: 5),
            SegmentRule(segment: "need_attention", r: set("3"), f: set("3"), line: 6),
            SegmentRule(segment: "loyal", r: set("<= 4"), f: set(">= 4"), line: 7),
            SegmentRule(segment: "promising", r: set("4"), f: set("1"), line: 8),
            SegmentRule(segment: "new_customers", r: set("5"), f: set("1"), line: 9),
            SegmentRule(segment: "potential_loyalist", f: set("<= 3"), line: 10),
            SegmentRule(segment: "champions", line: 11),
        ])
    }

    @Test(arguments: [
        (1, 1, 1, "lost"), (2, 2, 3, "hibernating"), (1, 4, 5, "at_risk"), (2, 5, 1, "cannot_lose"),
        (3, 2, 5, "about_to_sleep"), (3, 3, 1, "need_attention"), (4, 4, 2, "loyal"), (3, 5, 5, "loyal"),
        (4, 1, 5, "promising"), (5, 1, 1, "new_customers"), (4, 3, 3, "potential_loyalist"),
        (5, 2, 4, "potential_loyalist"), (5, 5, 5, "champions"), (5, 4, 1, "champions"),
    ])
    func designTableFirstMatchWins(r: Int, f: Int, m: Int, segment: String) throws {
        #expect(try Self.designRules().segment(for: RFMScore(r: r, f: f, m: m)) == segment)
    }

    @Test(arguments: ["3", "= 3", "<= 2", "< 3", ">= 4", "> 3", "2..4", " 2 .. 4 "])
    func conditionsParse(text: String) throws {
        #expect(!(try ScoreSet(condition: text)).isEmpty)
    }

    @Test func conditionMeanings() throws {
        #expect(try ScoreSet(condition: "< 3") == ScoreSet(scores: [1, 2]))
        #expect(try ScoreSet(condition: "2..4") == ScoreSet(scores: [2, 3, 4]))
        #expect(try ScoreSet(condition: "> 5").isEmpty)
        #expect(throws: ScoreConditionError.self) { try ScoreSet(condition: "<== 2") }
        #expect(throws: ScoreConditionError.self) { try ScoreSet(condition: "4..2") }
    }

    @Test func refusesIdsThatAreNotLowerSnakeCase() {
        #expect(throws: SegmentRuleError("segments.yaml:4: segment id \"At-Risk\" must match [a-z_]+, e.g. at_risk")) {
            try SegmentRuleSet(rules: [SegmentRule(segment: "At-Risk", line: 4)])
        }
    }

    @Test func refusesDuplicateIds() {
        #expect(throws: SegmentRuleError("segments.yaml:9: segment \"lost\" is already defined on line 3")) {
            try SegmentRuleSet(rules: [
                SegmentRule(segment: "lost", r: ScoreSet(scores: [1]), line: 3), SegmentRule(segment: "lost", line: 9),
            ])
        }
    }

    @Test func refusesARuleThatEarlierRulesShadow() {
        #expect(throws: SegmentRuleError.self) {
            try SegmentRuleSet(rules: [
                SegmentRule(segment: "everyone", line: 2),
                SegmentRule(segment: "late", r: ScoreSet(scores: [5]), line: 3),
            ])
        }
    }

    @Test func refusesScoresNoRuleCatches() {
        #expect(
            throws: SegmentRuleError(
                "segments.yaml:5: no rule matches r=1 f=1 m=1; end the list with a rule without conditions to catch the rest"
            )
        ) {
            try SegmentRuleSet(rules: [SegmentRule(segment: "best", r: ScoreSet(scores: [5]), line: 5)])
        }
    }

    @Test func refusesConditionsThatMatchNothing() throws {
        #expect(throws: SegmentRuleError("segments.yaml:2: r matches no score; scores run from 1 to 5")) {
            try SegmentRuleSet(rules: [
                SegmentRule(segment: "never", r: try ScoreSet(condition: "> 5"), line: 2),
                SegmentRule(segment: "rest", line: 3),
            ])
        }
    }
}
