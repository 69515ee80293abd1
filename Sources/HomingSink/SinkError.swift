/// The sink could not start, record, or stop; the description says where and what to do.
///
/// ```swift
/// do { _ = try await CaptureSink.start(configuration) } catch { print(error) }
/// // smtp: cannot listen on 127.0.0.1:2525 (Address already in use); pass another --smtp-port or 0
/// ```
public struct SinkError: Error, Hashable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
