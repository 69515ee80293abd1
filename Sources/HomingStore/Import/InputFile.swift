import Foundation

/// A file or standard input, read in large chunks without Foundation's line buffering.
///
/// ```swift
/// let input = try InputFile(path: "orders.csv")    // "-" reads standard input
/// input.size                                         // nil for pipes
/// ```
public final class InputFile: @unchecked Sendable {
    /// The name used in messages: the path, or `stdin`.
    public let name: String
    /// The byte size when known (regular files), for progress.
    public let size: Int64?
    private let descriptor: Int32
    private let ownsDescriptor: Bool

    public init(path: String) throws {
        if path == "-" {
            name = "stdin"
            descriptor = 0
            ownsDescriptor = false
        } else {
            name = path
            descriptor = open(path, O_RDONLY)
            guard descriptor >= 0 else {
                throw ImportError("\(path): cannot open: \(String(cString: strerror(errno)))")
            }
            ownsDescriptor = true
        }
        var status = stat()
        size = fstat(descriptor, &status) == 0 && (status.st_mode & S_IFMT) == S_IFREG ? Int64(status.st_size) : nil
    }

    deinit { if ownsDescriptor { close(descriptor) } }

    /// Reads up to `buffer.count` bytes; 0 means end of input.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        while true {
            let count = Foundation.read(descriptor, buffer.baseAddress, buffer.count)
            if count >= 0 { return count }
            if errno == EINTR { continue }
            throw ImportError("\(name): read failed: \(String(cString: strerror(errno)))")
        }
    }
}

/// An import that could not run at all: unreadable file, bad header, broken CSV syntax, store failure.
public struct ImportError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
