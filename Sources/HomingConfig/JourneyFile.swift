import Foundation
import HomingCore
import Yams

/// One `config/journeys/ID.yaml`, parsed and checked, with the lines its messages are named on.
///
/// ```swift
/// let file = try JourneyFile(yaml: text, file: "config/journeys/welcome.yaml")
/// file.definition.entry                                  // .customerCreated
/// try file.checkMessages(known: catalog.messageNames)    // "…welcome.yaml:14: no template …"
/// ```
///
/// Every mistake is an error naming the file and line: an unknown field or step kind, an unknown
/// channel or exit condition, a bad duration or time of day, a duplicate step id, a holdout
/// outside 0–50 %, or an `id` that is not the file's name. See README "Journeys" for the format.
public struct JourneyFile: Sendable {
    public var definition: JourneyDefinition
    public var file: String
    /// The line of `id:`, for errors about the journey as a whole.
    public var idLine: Int
    /// Every `send:` message with its channels and the line it is named on.
    public var messages: [(message: String, channels: [DeliveryChannel], line: Int)]

    public init(yaml text: String, file: String) throws(ConfigError) {
        let yaml = try YAMLFile(text: text, name: file)
        let top = try yaml.mapping(
            yaml.root,
            allowed: ["id", "description", "entry", "audience", "reentry", "holdout", "goal", "steps"],
            what: "a journey"
        )
        let expected = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
        guard let idNode = top["id"] else { throw yaml.error(yaml.root, "id: is required; write id: \(expected)") }
        let id = try yaml.string(idNode, "id")
        guard JourneyDefinition.isValidID(id) else {
            throw yaml.error(idNode, "id \"\(id)\" must be a lower-case letter, then lower-case letters, digits or -")
        }
        guard id == expected else {
            throw yaml.error(
                idNode,
                "id \"\(id)\" differs from the file name; rename the file to \(id).yaml or write id: \(expected)"
            )
        }
        let entry = try Self.entry(top["entry"], yaml: yaml)
        let audience = try top["audience"].map { node throws(ConfigError) in try Self.audience(node, yaml: yaml) }
        let goal = try top["goal"].map { node throws(ConfigError) in
            let fields = try yaml.mapping(node, allowed: ["order_within"], what: "goal")
            guard let within = fields["order_within"] else { throw yaml.error(node, "goal needs order_within: 30d") }
            return JourneyGoal(orderWithinSeconds: try yaml.duration(within, "goal.order_within"))
        }
        guard let stepsNode = top["steps"] else { throw yaml.error(yaml.root, "steps: is required") }
        var parser = JourneyStepParser(yaml: yaml)
        let steps = try parser.steps(stepsNode, field: "steps")
        guard !steps.isEmpty else { throw yaml.error(stepsNode, "steps must list at least one step") }
        var segments = audience?.segments
        if case .segmentEntered(let entered) = entry { segments = segments ?? entered }
        definition = JourneyDefinition(
            id: id,
            description: try top["description"].map { node throws(ConfigError) in
                try yaml.string(node, "description")
            } ?? "",
            entry: entry,
            audience: audience ?? Audience(),
            reentry: try Self.reentry(top["reentry"], yaml: yaml),
            holdoutShare: try Self.holdout(top["holdout"], yaml: yaml),
            program: JourneyProgram(compiling: steps, goal: goal, segments: segments)
        )
        self.file = file
        idLine = idNode.mark?.line ?? 1
        messages = parser.messages
    }

    /// Refuses a `send:` whose message is not in `known` (the template catalog's message names).
    public func checkMessages(known: Set<String>) throws(ConfigError) {
        for (message, _, line) in messages where !known.contains(message) {
            throw ConfigError(
                "\(file):\(line): no templates for message \"\(message)\"; add templates/<locale>/\(message)/ or fix the name"
            )
        }
    }

    /// Refuses a `send:` whose message lacks templates for one of its channels: `channelsOf` gives
    /// the channel names a message has templates for, empty when it has none, e.g.
    /// `{ Set(catalog.channels(of: $0).map(\.rawValue)) }`. Webhooks need no template.
    public func checkMessages(channelsOf: (String) -> Set<String>) throws(ConfigError) {
        for (message, channels, line) in messages {
            let available = channelsOf(message)
            guard !available.isEmpty else {
                throw ConfigError(
                    "\(file):\(line): no templates for message \"\(message)\"; add templates/<locale>/\(message)/ or fix the name"
                )
            }
            for channel in channels where channel != .webhook && !available.contains(channel.rawValue) {
                throw ConfigError(
                    "\(file):\(line): message \"\(message)\" has no \(channel) templates; add them or drop \(channel) from channels"
                )
            }
        }
    }
}
