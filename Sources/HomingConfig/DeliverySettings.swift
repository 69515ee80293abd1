import HomingCore
import Yams

/// The `delivery:` section of `homing.yaml`: quiet hours per channel and marketing frequency caps.
///
/// ```swift
/// let delivery = try HomingSettings(yaml: text, file: "config/homing.yaml").delivery
/// delivery.quietHours[.sms]?.description     // "21:00-08:00"
/// delivery.caps.caps.count                   // 2
/// ```
///
/// Without the section the defaults apply: SMS quiet 21:00–08:00, push 22:00–08:00, email none;
/// 1 marketing email per 16 h (deferred) and 3 marketing messages per 7 days (skipped). A channel
/// missing from `quiet_hours` keeps its default, `off` removes it; a `caps` list replaces the
/// default caps entirely, and `caps: []` removes them.
public struct DeliverySettings: Hashable, Sendable {
    public var quietHours: [DeliveryChannel: QuietHours]
    public var caps: FrequencyCaps

    public init(quietHours: [DeliveryChannel: QuietHours] = QuietHours.defaults, caps: FrequencyCaps = .defaults) {
        self.quietHours = quietHours
        self.caps = caps
    }

    init(_ node: Node, yaml: YAMLFile) throws(ConfigError) {
        self.init()
        let fields = try yaml.mapping(node, allowed: ["quiet_hours", "caps"], what: "delivery")
        if let quiet = fields["quiet_hours"] {
            guard let mapping = quiet.mapping else {
                throw yaml.error(quiet, "delivery.quiet_hours must map channels to \"21:00-08:00\" or off")
            }
            for (key, value) in mapping {
                let channel = try yaml.channel(key, "delivery.quiet_hours")
                let text = try yaml.string(value, "delivery.quiet_hours.\(channel)")
                if text == "off" {
                    quietHours[channel] = nil
                    continue
                }
                guard let hours = QuietHours(parsing: text) else {
                    throw yaml.error(
                        value,
                        "delivery.quiet_hours.\(channel): \"\(text)\" must be HH:MM-HH:MM, e.g. \"21:00-08:00\", or off"
                    )
                }
                quietHours[channel] = hours
            }
        }
        if let capsNode = fields["caps"] {
            var caps: [FrequencyCap] = []
            for item in try yaml.list(capsNode, "delivery.caps") { caps.append(try Self.cap(item, yaml: yaml)) }
            self.caps = FrequencyCaps(caps)
        }
    }

    private static func cap(_ node: Node, yaml: YAMLFile) throws(ConfigError) -> FrequencyCap {
        let fields = try yaml.mapping(node, allowed: ["channel", "limit", "per", "action"], what: "a cap")
        guard let limitNode = fields["limit"], let perNode = fields["per"] else {
            throw yaml.error(
                node,
                "a cap needs limit and per, e.g. { channel: email, limit: 1, per: 16h, action: defer }"
            )
        }
        guard let limit = limitNode.int, limit >= 1 else {
            throw yaml.error(limitNode, "limit must be a whole number of messages, at least 1")
        }
        let channel = try fields["channel"].map { node throws(ConfigError) in try yaml.channel(node, "channel") }
        var action = FrequencyCap.Action.defer
        if let actionNode = fields["action"] {
            let text = try yaml.string(actionNode, "action")
            guard let parsed = FrequencyCap.Action(rawValue: text) else {
                throw yaml.error(actionNode, "action \"\(text)\" must be skip or defer")
            }
            action = parsed
        }
        return FrequencyCap(
            channel: channel,
            limit: limit,
            windowSeconds: try yaml.duration(perNode, "per"),
            action: action
        )
    }
}
