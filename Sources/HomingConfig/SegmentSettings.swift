import HomingCore
import Yams

/// `config/segments.yaml`: the RFM scoring method and the ordered segment rules.
///
/// ```swift
/// let segments = try SegmentSettings(yaml: text, file: "config/segments.yaml", baseCurrency: Currency("EUR")!)
/// segments.method          // .quantile
/// segments.rules.segment(for: RFMScore(r: 5, f: 5, m: 5))   // "champions"
/// ```
///
/// Errors name the file and line: an unknown field, a bad condition, a segment id that is not `[a-z_]+`,
/// a rule that can never match, or scores that no rule catches.
public struct SegmentSettings: Sendable {
    public var method: ScoringMethod
    public var rules: SegmentRuleSet

    public init(yaml text: String, file: String, baseCurrency: Currency) throws(ConfigError) {
        let yaml = try YAMLFile(text: text, name: file)
        let top = try yaml.mapping(yaml.root, allowed: ["method", "thresholds", "rules"], what: "segments.yaml")
        let methodName =
            try top["method"].map { node throws(ConfigError) in try yaml.string(node, "method") } ?? "quantile"
        switch methodName {
        case "quantile": method = .quantile
        case "ntile": method = .ntile
        case "thresholds":
            guard let node = top["thresholds"] else {
                throw yaml.error(top["method"], "method: thresholds needs a thresholds: section with the cut points")
            }
            method = .thresholds(try Self.thresholds(node, yaml: yaml, baseCurrency: baseCurrency))
        default:
            throw yaml.error(top["method"], "method \"\(methodName)\" is not one of quantile, ntile, thresholds")
        }
        guard let rulesNode = top["rules"] else { throw yaml.error(yaml.root, "rules: is required") }
        let rules = try yaml.list(rulesNode, "rules").map { node throws(ConfigError) in try Self.rule(node, yaml: yaml)
        }
        guard !rules.isEmpty else { throw yaml.error(rulesNode, "rules must list at least one segment") }
        do {
            self.rules = try SegmentRuleSet(rules: rules, file: file)
        } catch {
            throw ConfigError(error.description)
        }
    }

    private static func rule(_ node: Node, yaml: YAMLFile) throws(ConfigError) -> SegmentRule {
        let fields = try yaml.mapping(node, allowed: ["segment", "r", "f", "m"], what: "a rule")
        guard let segmentNode = fields["segment"] else { throw yaml.error(node, "a rule needs segment: <id>") }
        var rule = SegmentRule(segment: try yaml.string(segmentNode, "segment"), line: node.mark?.line ?? 1)
        for dimension in RFMDimension.allCases {
            guard let condition = fields[dimension.rawValue] else { continue }
            let set = try scoreSet(condition, field: dimension.rawValue, yaml: yaml)
            switch dimension {
            case .r: rule.r = set
            case .f: rule.f = set
            case .m: rule.m = set
            }
        }
        return rule
    }

    private static func scoreSet(_ node: Node, field: String, yaml: YAMLFile) throws(ConfigError) -> ScoreSet {
        if let list = node.sequence {
            var scores: [Int] = []
            for item in list {
                guard let score = item.int, (1...5).contains(score) else {
                    throw yaml.error(item, "\(field): list entries must be scores from 1 to 5")
                }
                scores.append(score)
            }
            return ScoreSet(scores: scores)
        }
        let text = try yaml.string(node, field)
        do {
            return try ScoreSet(condition: text)
        } catch {
            throw yaml.error(node, "\(field): \(error.description)")
        }
    }

    private static func thresholds(
        _ node: Node,
        yaml: YAMLFile,
        baseCurrency: Currency
    ) throws(ConfigError) -> RFMThresholds {
        let fields = try yaml.mapping(node, allowed: ["recency_days", "frequency", "monetary"], what: "thresholds")
        func cuts(_ name: String) throws(ConfigError) -> [Double] {
            guard let list = fields[name] else { throw yaml.error(node, "thresholds.\(name) is required") }
            let values = try yaml.list(list, "thresholds.\(name)").map { item throws(ConfigError) in
                try yaml.number(item, "thresholds.\(name)")
            }
            guard values.count == 4, zip(values, values.dropFirst()).allSatisfy({ $0 < $1 }), values[0] >= 0 else {
                throw yaml.error(list, "thresholds.\(name) must be 4 ascending cut points, e.g. [30, 90, 180, 365]")
            }
            return values
        }
        let scale = (0..<baseCurrency.exponent).reduce(1.0) { value, _ in value * 10 }
        return RFMThresholds(
            recencyDays: try cuts("recency_days").map { Int($0) },
            frequency: try cuts("frequency").map { Int($0) },
            monetaryMinor: try cuts("monetary").map { Int64(($0 * scale).rounded()) }
        )
    }
}
