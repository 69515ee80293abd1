import HomingCore

/// All journeys of a configuration, from `DIR/journeys/*.yaml` or the built-in copies.
///
/// ```swift
/// let journeys = try JourneySettings(files: [("config/journeys/welcome.yaml", text)])
/// journeys.definitions.map(\.id)                     // ["welcome"]
/// try journeys.checkMessages(known: catalogNames)    // names the file and line of an unknown message
/// ```
///
/// Files are read in the order given (ConfigDirectory sorts them by name); two files declaring the
/// same journey id are refused, naming both.
public struct JourneySettings: Sendable {
    public var files: [JourneyFile]

    public var definitions: [JourneyDefinition] { files.map(\.definition) }

    public init(files: [(path: String, text: String)]) throws(ConfigError) {
        var parsed: [JourneyFile] = []
        for (path, text) in files {
            let file = try JourneyFile(yaml: text, file: path)
            if let earlier = parsed.first(where: { $0.definition.id == file.definition.id }) {
                throw ConfigError(
                    "\(path):\(file.idLine): journey \"\(file.definition.id)\" is already defined in \(earlier.file); keep one of them"
                )
            }
            parsed.append(file)
        }
        self.files = parsed
    }

    /// The journey with this id, if configured.
    public func journey(_ id: String) -> JourneyDefinition? { definitions.first { $0.id == id } }

    /// Refuses any `send:` whose message is not in `known`, naming the file and line.
    public func checkMessages(known: Set<String>) throws(ConfigError) {
        for file in files { try file.checkMessages(known: known) }
    }

    /// Refuses any `send:` whose message lacks templates for one of its channels (see
    /// ``JourneyFile/checkMessages(channelsOf:)``).
    public func checkMessages(channelsOf: (String) -> Set<String>) throws(ConfigError) {
        for file in files { try file.checkMessages(channelsOf: channelsOf) }
    }
}
