/// Where a ``CaptureSink`` listens, where it records, and which faults it injects.
///
/// ```swift
/// let configuration = SinkConfiguration(host: "127.0.0.1", smtpPort: 0, httpPort: 0, outputPath: "sink.jsonl")
/// let sink = try await CaptureSink.start(configuration)
/// ```
///
/// Port 0 asks the system for a free port; read the bound one from ``CaptureSink/smtpPort`` and
/// ``CaptureSink/httpPort``. `outputPath` is opened for appending, so a restarted sink never
/// destroys what an earlier run recorded; nil records nothing and only counts.
public struct SinkConfiguration: Sendable, Hashable {
    public var host: String
    public var smtpPort: Int
    public var httpPort: Int
    public var outputPath: String?
    public var faults: SinkFaults

    public init(
        host: String = "127.0.0.1",
        smtpPort: Int = 2525,
        httpPort: Int = 8025,
        outputPath: String? = nil,
        faults: SinkFaults = SinkFaults()
    ) {
        self.host = host
        self.smtpPort = smtpPort
        self.httpPort = httpPort
        self.outputPath = outputPath
        self.faults = faults
    }
}
