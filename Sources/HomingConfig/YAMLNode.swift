import Yams

/// Reads a YAML document as nodes that remember their line, so every config error can point at it.
struct YAMLFile {
    let name: String
    let root: Node

    init(text: String, name: String) throws(ConfigError) {
        self.name = name
        do {
            root = try Yams.compose(yaml: text) ?? Node.mapping(Node.Mapping([]))
        } catch let error as YamlError {
            throw ConfigError("\(name): not valid YAML: \(error)")
        } catch {
            throw ConfigError("\(name): not valid YAML: \(error)")
        }
    }

    func error(_ node: Node?, _ message: String) -> ConfigError {
        ConfigError("\(name):\(node?.mark?.line ?? 1): \(message)")
    }

    /// The entries of a mapping, refusing keys outside `allowed` with the line of the offending key.
    func mapping(_ node: Node, allowed: [String], what: String) throws(ConfigError) -> [String: Node] {
        guard let mapping = node.mapping else { throw error(node, "\(what) must be a mapping of key: value") }
        var entries: [String: Node] = [:]
        for (key, value) in mapping {
            guard let name = key.string, allowed.contains(name) else {
                let known = allowed.joined(separator: ", ")
                throw error(key, "unknown field \"\(key.string ?? "?")\" in \(what); known fields: \(known)")
            }
            entries[name] = value
        }
        return entries
    }

    func string(_ node: Node, _ field: String) throws(ConfigError) -> String {
        guard let scalar = node.scalar else { throw error(node, "\(field) must be a single value") }
        return scalar.string
    }

    func number(_ node: Node, _ field: String) throws(ConfigError) -> Double {
        guard let value = node.scalar.flatMap({ Double($0.string) }), value.isFinite else {
            throw error(node, "\(field) must be a number")
        }
        return value
    }

    func list(_ node: Node, _ field: String) throws(ConfigError) -> [Node] {
        guard let sequence = node.sequence else { throw error(node, "\(field) must be a list") }
        return Array(sequence)
    }
}
