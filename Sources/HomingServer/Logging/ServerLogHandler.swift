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
        let pretty = Self.prettify(effectiveMetadata(event)).map { " \($0)" } ?? ""
        let labelPart = label.isEmpty ? "" : " \(label)"
        let line = "\(output.timestamp()) \(event.level)\(labelPart):\(pretty) [\(event.source)] \(event.message)\n"
        output.write(line, now: event.level >= .warning)
    }

    /// The logger's metadata, then the provider's, then the line's, later ones winning, as
    /// `StreamLogHandler` merges them.
    private func effectiveMetadata(_ event: LogEvent) -> Logger.Metadata {
        let provided = metadataProvider?.get() ?? [:]
        let explicit = event.metadata ?? [:]
        guard !provided.isEmpty || !explicit.isEmpty || event.error != nil else { return metadata }
        var merged = metadata
        for (key, value) in provided { merged[key] = value }
        for (key, value) in explicit { merged[key] = value }
        if let error = event.error {
            merged["error.message"] = "\(error)"
            merged["error.type"] = "\(String(reflecting: type(of: error)))"
        }
        return merged
    }

    /// `key=value` pairs sorted by key, separated by spaces; nil without metadata.
    static func prettify(_ metadata: Logger.Metadata) -> String? {
        guard !metadata.isEmpty else { return nil }
        var text = ""
        for (index, (key, value)) in metadata.sorted(by: { $0.key < $1.key }).enumerated() {
            if index > 0 { text += " " }
            text += key
            text += "="
            text += value.description
        }
        return text
    }
}
