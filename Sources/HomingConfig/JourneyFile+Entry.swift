import HomingCore
import Yams

extension JourneyFile {
    static func entry(_ node: Node?, yaml: YAMLFile) throws(ConfigError) -> JourneyEntry {
        let forms = "customer_created, order_completed, manual or segment_entered: [segments]"
        guard let node else { throw yaml.error(yaml.root, "entry: is required: \(forms)") }
        if node.mapping != nil {
            let fields = try yaml.mapping(node, allowed: ["segment_entered"], what: "entry")
            guard let segments = fields["segment_entered"] else { throw yaml.error(node, "entry must be \(forms)") }
            let names = try yaml.strings(segments, "entry.segment_entered")
            guard !names.isEmpty else { throw yaml.error(segments, "entry.segment_entered must name a segment") }
            return .segmentEntered(Set(names))
        }
        switch try yaml.string(node, "entry") {
        case "customer_created": return .customerCreated
        case "order_completed": return .orderCompleted
        case "manual": return .manual
        case let other: throw yaml.error(node, "entry \"\(other)\" is not one of \(forms)")
        }
    }

    static func audience(_ node: Node, yaml: YAMLFile) throws(ConfigError) -> Audience {
        let fields = try yaml.mapping(node, allowed: ["segments", "locales", "consent"], what: "audience")
        var audience = Audience()
        if let segments = fields["segments"] {
            audience.segments = Set(try yaml.strings(segments, "audience.segments"))
        }
        if let locales = fields["locales"] {
            audience.localePrefixes = try yaml.strings(locales, "audience.locales")
            for (item, prefix) in zip(locales.sequence.map(Array.init) ?? [locales], audience.localePrefixes ?? []) {
                do { _ = try LocaleTag(parsing: prefix) } catch {
                    throw yaml.error(item, "audience.locales: \(error.description)")
                }
            }
        }
        if let consent = fields["consent"] {
            if consent.scalar?.string == "any" {
                audience.consent = .anyChannel
            } else {
                let items = consent.sequence.map(Array.init) ?? [consent]
                var channels: Set<DeliveryChannel> = []
                for item in items { channels.insert(try yaml.channel(item, "audience.consent")) }
                audience.consent = .channels(channels)
            }
        }
        return audience
    }

    static func reentry(_ node: Node?, yaml: YAMLFile) throws(ConfigError) -> ReentryPolicy {
        guard let node else { return .never }
        if node.mapping != nil {
            let fields = try yaml.mapping(node, allowed: ["after"], what: "reentry")
            guard let after = fields["after"] else { throw yaml.error(node, "reentry needs after: 90d") }
            return .after(seconds: try yaml.duration(after, "reentry.after"))
        }
        switch try yaml.string(node, "reentry") {
        case "never": return .never
        case "per_trigger": return .perTrigger
        case let other:
            throw yaml.error(node, "reentry \"\(other)\" is not one of never, per_trigger or after: 90d")
        }
    }

    /// `10%` or `0.1`, from 0 to 50 %.
    static func holdout(_ node: Node?, yaml: YAMLFile) throws(ConfigError) -> Double {
        guard let node else { return 0 }
        let text = try yaml.string(node, "holdout")
        let share = text.hasSuffix("%") ? Double(text.dropLast()).map { $0 / 100 } : Double(text)
        guard let share, share.isFinite, (0...0.5).contains(share) else {
            throw yaml.error(node, "holdout \"\(text)\" must be a share from 0% to 50%, e.g. 10% or 0.1")
        }
        return share
    }
}
