import Logging

/// The log handler of `homing serve`: lines exactly as swift-log's `StreamLogHandler` writes them
/// to stderr, made cheaper for an access line per request.
///
/// ```swift
/// var logger = Logger(label: "homing") { label in ServerLogHandler(label: label) }
/// logger.logLevel = .info
/// defer { StandardErrorBuffer.shared.flush() }    // before the process exits
/// // 2026-11-24T21:18:58+0000 info homing: duration_ms=0.4 hb.request.id=5f0c… method=POST … [HomingServer] request
/// ```
///
/// Lines go through ``StandardErrorBuffer``: info and below are written in batches (at most a
/// tenth of a second late), warnings and above at once with everything before them. The process
/// must call ``StandardErrorBuffer/flush()`` before it exits, or the last batch is lost.
///
/// Where `StreamLogHandler` formats the logger's metadata again whenever a key is set (every
/// request sets its id) and merges and sorts through generic code for every line, this handler
/// formats a line once, when it is logged; the timestamp is formatted once a second.
public struct ServerLogHandler: LogHandler {
    public var logLevel: Logger.Level = .info
    public var metadata = Logger.Metadata()
    public var metadataProvider: Logger.MetadataProvider?
    private let label: String
    private let output: StandardErrorBuffer

    public init(
        label: String,
        metadataProvider: Logger.MetadataProvider? = LoggingSystem.metadataProvider,
        output: StandardErrorBuffer = .shared
    ) {
        self.label = label
        self.metadataProvider = metadataProvider
        self.output = output
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var line = output.timestamp()
        line.reserveCapacity(200)
        line += " \(event.level)"
        if !label.isEmpty { line += " \(label)" }
        line += ":"
        for (key, value) in metadataPairs(event).sorted(by: { $0.key < $1.key }) {
            line += " \(key)=\(value)"
        }
        line += " [\(event.source)] \(event.message)\n"
        output.write(line, now: event.level >= .warning)
    }

    /// The logger's metadata, then the provider's, then the line's, later ones winning, as
    /// `StreamLogHandler` merges them; as pairs, since a request's access line only adds its own
    /// keys to the request id and merging dictionaries cost more than writing the line.
    private func metadataPairs(_ event: LogEvent) -> [(key: String, value: Logger.MetadataValue)] {
        let provided = metadataProvider?.get() ?? [:]
        guard provided.isEmpty, event.error == nil else {
            var merged = metadata
            for (key, value) in provided { merged[key] = value }
            for (key, value) in event.metadata ?? [:] { merged[key] = value }
            if let error = event.error {
                merged["error.message"] = "\(error)"
                merged["error.type"] = "\(String(reflecting: type(of: error)))"
            }
            return merged.map { (key: $0.key, value: $0.value) }
        }
        guard let explicit = event.metadata, !explicit.isEmpty else {
            return metadata.map { (key: $0.key, value: $0.value) }
        }
        var pairs: [(key: String, value: Logger.MetadataValue)] = []
        pairs.reserveCapacity(metadata.count + explicit.count)
        for (key, value) in metadata where explicit[key] == nil { pairs.append((key, value)) }
        for (key, value) in explicit { pairs.append((key, value)) }
        return pairs
    }
}
