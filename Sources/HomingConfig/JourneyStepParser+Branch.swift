import HomingCore
import Yams

extension JourneyStepParser {
    /// `branch: segment | locale | { attribute: NAME }` with `cases: [{ when: [values], steps: […] }]`
    /// and an optional `otherwise: […]`.
    mutating func branch(_ value: Node, fields: [String: Node]) throws(ConfigError) -> BranchStep {
        let subject = try branchSubject(value)
        guard let casesNode = fields["cases"] else {
            throw yaml.error(value, "a branch needs cases: [{ when: [values], steps: [...] }]")
        }
        var cases: [BranchCase] = []
        var seen: [String: Int] = [:]
        for item in try yaml.list(casesNode, "cases") {
            let caseFields = try yaml.mapping(item, allowed: ["when", "steps"], what: "a branch case")
            guard let when = caseFields["when"], let stepsNode = caseFields["steps"] else {
                throw yaml.error(item, "a branch case needs when: [values] and steps: [...]")
            }
            let values = try yaml.strings(when, "when")
            guard !values.isEmpty else { throw yaml.error(when, "when must list at least one value") }
            for value in values {
                if let line = seen[value] {
                    throw yaml.error(
                        when,
                        "when: \"\(value)\" already has a case on line \(line); it would never match here"
                    )
                }
                if subject == .locale {
                    do { _ = try LocaleTag(parsing: value) } catch {
                        throw yaml.error(when, "when: \(error.description)")
                    }
                }
                seen[value] = when.mark?.line ?? 1
            }
            cases.append(BranchCase(values: values, steps: try steps(stepsNode, field: "steps")))
        }
        guard !cases.isEmpty else { throw yaml.error(casesNode, "cases must list at least one case") }
        let otherwise = try fields["otherwise"].map { node throws(ConfigError) in
            try steps(node, field: "otherwise")
        }
        return BranchStep(on: subject, cases: cases, otherwise: otherwise ?? [])
    }

    private func branchSubject(_ value: Node) throws(ConfigError) -> BranchSubject {
        if value.mapping != nil {
            let fields = try yaml.mapping(value, allowed: ["attribute"], what: "branch")
            guard let name = fields["attribute"] else { throw yaml.error(value, "branch needs attribute: NAME") }
            return .attribute(try yaml.string(name, "branch.attribute"))
        }
        switch try yaml.string(value, "branch") {
        case "segment": return .segment
        case "locale": return .locale
        case let other:
            throw yaml.error(value, "branch \"\(other)\" is not one of segment, locale or { attribute: NAME }")
        }
    }
}
