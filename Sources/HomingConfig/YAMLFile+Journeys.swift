import HomingCore
import Yams

extension YAMLFile {
    /// `45s`, `30m`, `12h`, `3d` or `2w` as seconds.
    func duration(_ node: Node, _ field: String) throws(ConfigError) -> Int64 {
        let text = try string(node, field)
        let units: [Character: Int64] = ["s": 1, "m": 60, "h": 3600, "d": 86_400, "w": 604_800]
        guard let unit = text.last.flatMap({ units[$0] }), let count = Int64(text.dropLast()), count > 0,
            text.dropLast().allSatisfy(\.isNumber), count <= Int64.max / unit / 1000
        else {
            throw error(
                node,
                "\(field): \"\(text)\" is not a duration; write a whole number and a unit: 45s, 30m, 12h, 3d or 2w"
            )
        }
        return count * unit
    }

    /// `HH:MM`, 24-hour.
    func timeOfDay(_ node: Node, _ field: String) throws(ConfigError) -> LocalTimeOfDay {
        let text = try string(node, field)
        guard let time = LocalTimeOfDay(parsing: text) else {
            throw error(
                node,
                "\(field): \"\(text)\" is not a time of day; write HH:MM from 00:00 to 23:59, e.g. \"10:00\""
            )
        }
        return time
    }

    func channel(_ node: Node, _ field: String) throws(ConfigError) -> DeliveryChannel {
        let text = try string(node, field)
        guard let channel = DeliveryChannel(rawValue: text) else {
            let known = DeliveryChannel.allCases.map(\.rawValue).joined(separator: ", ")
            throw error(node, "\(field): unknown channel \"\(text)\"; channels are \(known)")
        }
        return channel
    }

    /// A list of strings, or a single string taken as a list of one.
    func strings(_ node: Node, _ field: String) throws(ConfigError) -> [String] {
        if node.scalar != nil { return [try string(node, field)] }
        return try list(node, field).map { item throws(ConfigError) in try string(item, field) }
    }

    func bool(_ node: Node, _ field: String) throws(ConfigError) -> Bool {
        switch try string(node, field) {
        case "true": return true
        case "false": return false
        case let other: throw error(node, "\(field): \"\(other)\" must be true or false")
        }
    }
}
