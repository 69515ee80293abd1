import Foundation
import HomingConfig
import HomingCore
import HomingTestSupport
import Testing

/// The shipped `config/` loads, matches the compiled-in defaults and encodes DESIGN.md §4.3's rule table.
@Suite struct ShippedConfigTests {
    private func shippedText(_ name: String) throws -> String {
        try String(contentsOf: RepositoryPaths.config.appendingPathComponent(name), encoding: .utf8)
    }

    @Test func shippedDirectoryLoads() throws {
        let config = try ConfigDirectory.load(path: RepositoryPaths.config.path)
        #expect(config.path == RepositoryPaths.config.path)
        #expect(config.settings.rates.base.code == "EUR")
        #expect(config.settings.rates.rates["USD"] == 1.08)
        #expect(config.settings.rates.rates["JPY"] == 162.0)
        #expect(config.settings.storePath == "homing.db")
        #expect(config.settings.defaultLocale.description == "en")
        #expect(config.settings.defaultTimeZone == "UTC")
        #expect(config.segments.method == .quantile)
        #expect(
            config.segments.rules.segments == [
                "lost", "hibernating", "at_risk", "cannot_lose", "about_to_sleep", "need_attention", "loyal",
                "promising", "new_customers", "potential_loyalist", "champions",
            ]
        )
    }

    // A file ends with a newline; a Swift multi-line literal cannot, so the literal plus one "\n" must be the file.
    @Test func homingYAMLMatchesTheBuiltInDefault() throws {
        let file = try shippedText("homing.yaml")
        #expect(Array(file.utf8) == Array((DefaultConfig.homingYAML + "\n").utf8))
    }

    @Test func segmentsYAMLMatchesTheBuiltInDefault() throws {
        let file = try shippedText("segments.yaml")
        #expect(Array(file.utf8) == Array((DefaultConfig.segmentsYAML + "\n").utf8))
    }

    @Test func builtInDefaultsLoadAndEqualTheShippedFiles() throws {
        let shipped = try ConfigDirectory.load(path: RepositoryPaths.config.path)
        let builtIn = try HomingSettings(yaml: DefaultConfig.homingYAML, file: "built-in homing.yaml")
        let builtInSegments = try SegmentSettings(
            yaml: DefaultConfig.segmentsYAML,
            file: "built-in segments.yaml",
            baseCurrency: builtIn.rates.base
        )
        #expect(builtIn.rates == shipped.settings.rates)
        #expect(builtInSegments.method == shipped.segments.method)
        #expect(builtInSegments.rules.segments == shipped.segments.rules.segments)
    }

    @Test func shippedThresholdsParseWhenSelected() throws {
        let text = try shippedText("segments.yaml").replacingOccurrences(
            of: "method: quantile",
            with: "method: thresholds"
        )
        let settings = try SegmentSettings(yaml: text, file: "segments.yaml", baseCurrency: Currency("EUR")!)
        // Monetary cut points are base units in the file and minor units once loaded.
        let expected = RFMThresholds(
            recencyDays: [30, 90, 180, 365],
            frequency: [1, 2, 4, 8],
            monetaryMinor: [5_000, 15_000, 40_000, 100_000]
        )
        #expect(settings.method == .thresholds(expected))
    }

    /// Hand-picked scores and the segment DESIGN.md §4.3's table gives them.
    @Test(arguments: [
        (RFMScore(r: 1, f: 1, m: 1), "lost"),
        (RFMScore(r: 2, f: 2, m: 2), "lost"),
        (RFMScore(r: 2, f: 2, m: 5), "hibernating"),
        (RFMScore(r: 1, f: 1, m: 3), "hibernating"),
        (RFMScore(r: 1, f: 3, m: 1), "at_risk"),
        (RFMScore(r: 2, f: 4, m: 5), "at_risk"),
        (RFMScore(r: 1, f: 5, m: 1), "cannot_lose"),
        (RFMScore(r: 2, f: 5, m: 5), "cannot_lose"),
        (RFMScore(r: 3, f: 1, m: 5), "about_to_sleep"),
        (RFMScore(r: 3, f: 2, m: 1), "about_to_sleep"),
        (RFMScore(r: 3, f: 3, m: 1), "need_attention"),
        (RFMScore(r: 3, f: 4, m: 2), "loyal"),
        (RFMScore(r: 4, f: 5, m: 5), "loyal"),
        (RFMScore(r: 3, f: 5, m: 1), "loyal"),
        (RFMScore(r: 4, f: 1, m: 5), "promising"),
        (RFMScore(r: 5, f: 1, m: 1), "new_customers"),
        (RFMScore(r: 4, f: 2, m: 3), "potential_loyalist"),
        (RFMScore(r: 4, f: 3, m: 3), "potential_loyalist"),
        (RFMScore(r: 5, f: 3, m: 5), "potential_loyalist"),
        (RFMScore(r: 5, f: 4, m: 1), "champions"),
        (RFMScore(r: 5, f: 5, m: 5), "champions"),
    ])
    func defaultRulesClassifyAsTheDesignTable(score: RFMScore, segment: String) throws {
        let config = try ConfigDirectory.load(path: RepositoryPaths.config.path)
        #expect(config.segments.rules.segment(for: score) == segment)
    }

    /// DESIGN.md §4.3's table written out as code, checked against the shipped rules on all 125 scores.
    @Test func defaultRulesAgreeWithTheDesignTableEverywhere() throws {
        func designSegment(_ s: RFMScore) -> String {
            if s.r <= 2 && s.f <= 2 && s.m <= 2 { return "lost" }
            if s.r <= 2 && s.f <= 2 { return "hibernating" }
            if s.r <= 2 && s.f <= 4 { return "at_risk" }
            if s.r <= 2 { return "cannot_lose" }
            if s.r == 3 && s.f <= 2 { return "about_to_sleep" }
            if s.r == 3 && s.f == 3 { return "need_attention" }
            if s.r <= 4 && s.f >= 4 { return "loyal" }
            if s.r == 4 && s.f == 1 { return "promising" }
            if s.r == 5 && s.f == 1 { return "new_customers" }
            if s.f <= 3 { return "potential_loyalist" }
            return "champions"
        }
        let rules = try ConfigDirectory.load(path: RepositoryPaths.config.path).segments.rules
        var mismatches: [String] = []
        for r in 1...5 {
            for f in 1...5 {
                for m in 1...5 {
                    let score = RFMScore(r: r, f: f, m: m)
                    if rules.segment(for: score) != designSegment(score) {
                        mismatches.append("\(score): \(rules.segment(for: score)) ≠ \(designSegment(score))")
                    }
                }
            }
        }
        #expect(mismatches.isEmpty)
    }
}
