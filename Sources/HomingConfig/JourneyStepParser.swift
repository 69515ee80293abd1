import HomingCore
import Yams

/// Reads the `steps:` of a journey file, remembering explicit ids and the lines of messages.
struct JourneyStepParser {
    let yaml: YAMLFile
    private(set) var messages: [(message: String, channels: [DeliveryChannel], line: Int)] = []
    private var idLines: [String: Int] = [:]

    private static let kinds = ["send", "wait", "exit_if", "branch"]
    private static let fields: [String: [String]] = [
        "send": ["channels", "pick", "transactional", "offer"],
        "wait": [],
        "exit_if": [],
        "branch": ["cases", "otherwise"],
    ]

    init(yaml: YAMLFile) { self.yaml = yaml }

    mutating func steps(_ node: Node, field: String) throws(ConfigError) -> [JourneyStep] {
        var steps: [JourneyStep] = []
        for item in try yaml.list(node, field) { steps.append(try step(item)) }
        return steps
    }

    private mutating func step(_ node: Node) throws(ConfigError) -> JourneyStep {
        guard let mapping = node.mapping else {
            throw yaml.error(node, "a step must be a mapping such as send: welcome or wait: 3d")
        }
        let keys = mapping.map { ($0.key.string ?? "?", $0.key) }
        let kinds = keys.filter { Self.kinds.contains($0.0) }
        guard kinds.count == 1, let (kind, _) = kinds.first else {
            let known = Self.kinds.joined(separator: ", ")
            if kinds.count > 1 {
                throw yaml.error(kinds[1].1, "a step has one kind, but this one also has \(kinds[1].0)")
            }
            let first = keys.first { $0.0 != "id" }
            throw yaml.error(first?.1 ?? node, "unknown step kind \"\(first?.0 ?? "")\"; a step is one of \(known)")
        }
        let fields = try yaml.mapping(node, allowed: ["id", kind] + (Self.fields[kind] ?? []), what: "a \(kind) step")
        let id = try fields["id"].map { node throws(ConfigError) in try stepID(node) }
        let value = fields[kind]!
        switch kind {
        case "send": return JourneyStep(id: id, .send(try send(value, fields: fields)))
        case "wait": return JourneyStep(id: id, .wait(try wait(value)))
        case "exit_if": return JourneyStep(id: id, .exitIf(try exitConditions(value)))
        default: return JourneyStep(id: id, .branch(try branch(value, fields: fields)))
        }
    }

    private mutating func stepID(_ node: Node) throws(ConfigError) -> String {
        let id = try yaml.string(node, "id")
        guard JourneyDefinition.isValidID(id) else {
            throw yaml.error(
                node,
                "step id \"\(id)\" must be a lower-case letter, then lower-case letters, digits or -"
            )
        }
        if let line = idLines[id] {
            throw yaml.error(node, "step id \"\(id)\" is already used on line \(line); step ids must be unique")
        }
        idLines[id] = node.mark?.line ?? 1
        return id
    }

    private mutating func send(_ value: Node, fields: [String: Node]) throws(ConfigError) -> SendStep {
        let message = try yaml.string(value, "send")
        var channels: [DeliveryChannel] = [.email]
        if let node = fields["channels"] {
            let items = node.sequence.map(Array.init) ?? [node]
            channels = []
            for item in items {
                let channel = try yaml.channel(item, "channels")
                guard !channels.contains(channel) else { throw yaml.error(item, "channels lists \(channel) twice") }
                channels.append(channel)
            }
            guard !channels.isEmpty else { throw yaml.error(node, "channels must name at least one channel") }
        }
        messages.append((message, channels, value.mark?.line ?? 1))
        var preference = ChannelPreference.firstAvailable(channels)
        if let pick = fields["pick"] {
            switch try yaml.string(pick, "pick") {
            case "first": preference = .firstAvailable(channels)
            case "all": preference = .all(channels)
            case let other: throw yaml.error(pick, "pick \"\(other)\" must be first or all")
            }
        }
        return SendStep(
            message: message,
            channels: preference,
            transactional: try fields["transactional"].map { node throws(ConfigError) in
                try yaml.bool(node, "transactional")
            } ?? false,
            offer: try fields["offer"].map { node throws(ConfigError) in try offer(node) }
        )
    }

    private func offer(_ node: Node) throws(ConfigError) -> Offer {
        let fields = try yaml.mapping(node, allowed: ["percent", "valid_for", "code_prefix"], what: "offer")
        guard let percentNode = fields["percent"], let validNode = fields["valid_for"],
            let prefixNode = fields["code_prefix"]
        else {
            throw yaml.error(
                node,
                "offer needs percent, valid_for and code_prefix, e.g. { percent: 15, valid_for: 14d, code_prefix: WB }"
            )
        }
        guard let percent = percentNode.int, (1...100).contains(percent) else {
            throw yaml.error(percentNode, "offer.percent must be a whole number from 1 to 100")
        }
        let prefix = try yaml.string(prefixNode, "offer.code_prefix")
        guard (1...16).contains(prefix.count), prefix.allSatisfy({ $0.isASCII && ($0.isUppercase || $0.isNumber) })
        else {
            throw yaml.error(prefixNode, "offer.code_prefix \"\(prefix)\" must be 1–16 upper-case letters or digits")
        }
        return Offer(
            percent: percent,
            validForSeconds: try yaml.duration(validNode, "offer.valid_for"),
            codePrefix: prefix
        )
    }

    private func wait(_ value: Node) throws(ConfigError) -> WaitStep {
        if value.mapping != nil {
            let fields = try yaml.mapping(value, allowed: ["until"], what: "wait")
            guard let until = fields["until"] else {
                throw yaml.error(value, "wait needs a duration such as 3d, or until: \"10:00\"")
            }
            return .untilLocalTime(try yaml.timeOfDay(until, "wait.until"))
        }
        return .duration(seconds: try yaml.duration(value, "wait"))
    }

    private func exitConditions(_ value: Node) throws(ConfigError) -> Set<ExitCondition> {
        var conditions: Set<ExitCondition> = []
        for item in value.sequence.map(Array.init) ?? [value] {
            let text = try yaml.string(item, "exit_if")
            guard let condition = ExitCondition(rawValue: text) else {
                let known = ExitCondition.allCases.map(\.rawValue).joined(separator: ", ")
                throw yaml.error(item, "unknown exit condition \"\(text)\"; conditions are \(known)")
            }
            conditions.insert(condition)
        }
        guard !conditions.isEmpty else { throw yaml.error(value, "exit_if must name a condition") }
        return conditions
    }
}
