import HomingConfig
import HomingCore
import Testing

/// Each mistake in `segments.yaml` is refused with `FILE:LINE:` pointing at the line to fix.
@Suite struct SegmentSettingsErrorTests {
    /// Lines are given one per element, so line k of the file is `lines[k - 1]`.
    private func load(_ lines: [String]) throws(ConfigError) -> SegmentSettings {
        try SegmentSettings(
            yaml: lines.joined(separator: "\n") + "\n",
            file: "segments.yaml",
            baseCurrency: Currency("EUR")!
        )
    }

    private func message(_ lines: [String]) -> String? {
        do {
            _ = try load(lines)
            return nil
        } catch {
            return error.description
        }
    }

    private static let catchAll = "  - { segment: everyone }"

    @Test func validMinimalFileLoads() throws {
        let settings = try load(["method: ntile", "rules:", "  - { segment: high, r: \">= 4\" }", Self.catchAll])
        #expect(settings.method == .ntile)
        #expect(settings.rules.segment(for: RFMScore(r: 4, f: 1, m: 1)) == "high")
        #expect(settings.rules.segment(for: RFMScore(r: 3, f: 5, m: 5)) == "everyone")
        #expect(settings.rules.rules.map(\.line) == [3, 4])
    }

    @Test func unknownTopLevelField() throws {
        let text = try #require(message(["method: quantile", "", "colour: blue", "rules:", Self.catchAll]))
        #expect(text.hasPrefix("segments.yaml:3: "))
        #expect(text.contains("unknown field \"colour\""))
    }

    @Test func unknownFieldInARule() throws {
        let text = try #require(
            message(["rules:", "  - { segment: lost, r: 1 }", "  - { segment: odd, f: 2, x: 3 }", Self.catchAll])
        )
        #expect(text.hasPrefix("segments.yaml:3: "))
        #expect(text.contains("unknown field \"x\""))
    }

    @Test func unknownFieldInABlockStyleRuleNamesItsOwnLine() throws {
        let text = try #require(
            message(["rules:", "  - segment: lost", "    r: 1", "    mm: 2", Self.catchAll])
        )
        #expect(text.hasPrefix("segments.yaml:4: "))
        #expect(text.contains("unknown field \"mm\""))
    }

    @Test func badCondition() throws {
        let text = try #require(
            message(["method: quantile", "rules:", "  - segment: lost", "    r: \"<== 2\"", Self.catchAll])
        )
        #expect(text.hasPrefix("segments.yaml:4: "))
        #expect(text.contains("<== 2"))
        #expect(text.contains("r:"))
    }

    @Test func segmentIDMustBeLowerCaseAndUnderscores() throws {
        let text = try #require(
            message(["rules:", "  - { segment: lost, r: 1 }", "  - { segment: At-Risk, r: 2 }", Self.catchAll])
        )
        #expect(text.hasPrefix("segments.yaml:3: "))
        #expect(text.contains("\"At-Risk\""))
        #expect(text.contains("[a-z_]+"))
    }

    @Test func duplicateSegmentID() throws {
        let text = try #require(
            message([
                "rules:", "  - { segment: lost, r: 1 }", "  - { segment: quiet, r: 2 }", "  - { segment: lost, r: 3 }",
                Self.catchAll,
            ])
        )
        #expect(text.hasPrefix("segments.yaml:4: "))
        #expect(text.contains("\"lost\""))
        #expect(text.contains("line 2"))
    }

    @Test func ruleAfterACatchAllIsUnreachable() throws {
        let text = try #require(
            message(["rules:", "  - { segment: lost, r: 1 }", Self.catchAll, "  - { segment: champions, r: 5 }"])
        )
        #expect(text.hasPrefix("segments.yaml:4: "))
        #expect(text.contains("\"champions\""))
        #expect(text.contains("never match"))
    }

    @Test func ruleCoveredByEarlierRulesIsUnreachable() throws {
        let text = try #require(
            message([
                "rules:", "  - { segment: low, r: \"<= 3\" }", "  - { segment: high, r: \">= 3\" }",
                "  - { segment: middle, r: 3, f: 2 }", Self.catchAll,
            ])
        )
        #expect(text.hasPrefix("segments.yaml:4: "))
        #expect(text.contains("\"middle\""))
    }

    @Test func scoresNoRuleCatches() throws {
        let text = try #require(
            message(["rules:", "  - { segment: low, r: \"<= 2\" }", "  - { segment: high, r: \">= 4\" }"])
        )
        // No catch-all: R = 3 is left out; the message points at the end of the list.
        #expect(text.hasPrefix("segments.yaml:3: "))
        #expect(text.contains("no rule matches"))
        #expect(text.contains("r=3"))
    }

    @Test func thresholdsMethodWithoutThresholdsSection() throws {
        let text = try #require(message(["# RFM", "method: thresholds", "rules:", Self.catchAll]))
        #expect(text.hasPrefix("segments.yaml:2: "))
        #expect(text.contains("thresholds"))
    }

    @Test func cutPointsMustAscend() throws {
        let text = try #require(
            message([
                "method: thresholds", "thresholds:", "  recency_days: [30, 90, 180, 365]", "  frequency: [1, 4, 2, 8]",
                "  monetary: [50, 150, 400, 1000]", "rules:", Self.catchAll,
            ])
        )
        #expect(text.hasPrefix("segments.yaml:4: "))
        #expect(text.contains("thresholds.frequency"))
    }

    @Test func unknownMethod() throws {
        let text = try #require(message(["rules:", Self.catchAll, "method: kmeans"]))
        #expect(text.hasPrefix("segments.yaml:3: "))
        #expect(text.contains("\"kmeans\""))
    }

    @Test func conditionThatMatchesNoScore() throws {
        let text = try #require(message(["rules:", "  - { segment: never, r: \"> 5\" }", Self.catchAll]))
        #expect(text.hasPrefix("segments.yaml:2: "))
    }

    @Test func prospectsIsReserved() throws {
        let text = try #require(message(["rules:", "  - { segment: prospects, r: 1 }", Self.catchAll]))
        #expect(text.hasPrefix("segments.yaml:2: "))
        #expect(text.contains("reserved"))
    }

    @Test func scoreListOutsideOneToFive() throws {
        let text = try #require(message(["rules:", "  - segment: odd", "    m: [0, 1]", Self.catchAll]))
        #expect(text.hasPrefix("segments.yaml:3: "))
    }

    @Test func thresholdsNeedFourCutPoints() throws {
        let text = try #require(
            message([
                "method: thresholds", "thresholds:", "  recency_days: [30, 90, 180, 365]", "  frequency: [1, 2, 4, 8]",
                "  monetary: [50, 150, 400]", "rules:", Self.catchAll,
            ])
        )
        #expect(text.hasPrefix("segments.yaml:5: "))
        #expect(text.contains("thresholds.monetary"))
    }

    @Test func duplicateKeyIsRefused() throws {
        // YAML forbids a key twice in one mapping; taking the last one would silently change the method.
        let text = try #require(message(["method: quantile", "rules:", Self.catchAll, "method: ntile"]))
        #expect(text.hasPrefix("segments.yaml"))
        #expect(text.contains("'method'"))
    }
}
