/// One line of `config/segments.yaml`: a segment and the scores it takes, first match wins.
///
/// ```swift
/// SegmentRule(segment: "at_risk", r: try ScoreSet(condition: "<= 2"), f: try ScoreSet(condition: "<= 4"), line: 14)
/// ```
public struct SegmentRule: Hashable, Sendable {
    public var segment: String
    public var r: ScoreSet
    public var f: ScoreSet
    public var m: ScoreSet
    /// Where the rule starts in its file, for error messages.
    public var line: Int

    public init(segment: String, r: ScoreSet = .any, f: ScoreSet = .any, m: ScoreSet = .any, line: Int) {
        self.segment = segment
        self.r = r
        self.f = f
        self.m = m
        self.line = line
    }

    public func matches(_ score: RFMScore) -> Bool { r.contains(score.r) && f.contains(score.f) && m.contains(score.m) }
}

/// An ordered, validated list of segment rules that assigns every possible score exactly one segment.
///
/// ```swift
/// let rules = try SegmentRuleSet(rules: [SegmentRule(segment: "champions", line: 3)])
/// rules.segment(for: RFMScore(r: 5, f: 5, m: 5))   // "champions"
/// ```
///
/// Validation happens once, here: ids must match `[a-z_]+` and be unique, every rule must match some
/// score and be reachable (not wholly caught by earlier rules), and every one of the 125 scores must
/// reach some rule. Classification is then a table lookup.
public struct SegmentRuleSet: Hashable, Sendable {
    public let rules: [SegmentRule]
    /// Segment ids in rule order.
    public var segments: [String] { rules.map(\.segment) }
    private let table: [Int]

    /// The label of customers with no completed order, who are not scored.
    public static let prospects = "prospects"

    public init(rules: [SegmentRule], file: String = "segments.yaml") throws(SegmentRuleError) {
        var seen: [String: Int] = [:]
        for rule in rules {
            let where_ = "\(file):\(rule.line)"
            guard !rule.segment.isEmpty, rule.segment.utf8.allSatisfy({ $0 == 95 || (97...122).contains($0) }) else {
                throw SegmentRuleError("\(where_): segment id \"\(rule.segment)\" must match [a-z_]+, e.g. at_risk")
            }
            guard rule.segment != Self.prospects else {
                throw SegmentRuleError("\(where_): \"prospects\" is reserved for customers without a completed order")
            }
            if let earlier = seen[rule.segment] {
                throw SegmentRuleError("\(where_): segment \"\(rule.segment)\" is already defined on line \(earlier)")
            }
            seen[rule.segment] = rule.line
            for (name, set) in [("r", rule.r), ("f", rule.f), ("m", rule.m)] where set.isEmpty {
                throw SegmentRuleError("\(where_): \(name) matches no score; scores run from 1 to 5")
            }
        }
        var table = [Int](repeating: -1, count: 125)
        var reached = [Bool](repeating: false, count: rules.count)
        for code in 0..<125 {
            let score = Self.score(code)
            if let index = rules.firstIndex(where: { $0.matches(score) }) {
                table[code] = index
                reached[index] = true
            }
        }
        if let unreachable = reached.firstIndex(of: false) {
            let rule = rules[unreachable]
            throw SegmentRuleError(
                "\(file):\(rule.line): rule \"\(rule.segment)\" can never match: the rules above it already catch every score it covers; reorder or remove it"
            )
        }
        if let gap = table.firstIndex(of: -1) {
            let line = rules.last.map { "\(file):\($0.line)" } ?? file
            throw SegmentRuleError(
                "\(line): no rule matches \(Self.score(gap)); end the list with a rule without conditions to catch the rest"
            )
        }
        self.rules = rules
        self.table = table
    }

    /// The segment id of `score`.
    public func segment(for score: RFMScore) -> String { rules[segmentIndex(for: score)].segment }

    /// The index in `rules` of the rule that catches `score`.
    public func segmentIndex(for score: RFMScore) -> Int {
        table[(score.r - 1) * 25 + (score.f - 1) * 5 + (score.m - 1)]
    }

    private static func score(_ code: Int) -> RFMScore {
        RFMScore(r: code / 25 + 1, f: code / 5 % 5 + 1, m: code % 5 + 1)
    }
}

/// A segment rule set Homing refuses, with the file and line to fix.
public struct SegmentRuleError: Error, Equatable, Sendable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
