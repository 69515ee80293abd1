import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Ports on 127.0.0.1 for tests: one that nothing listens on, and whether one accepts connections.
///
/// ```swift
/// let port = try LoopbackPort.unused()   // connecting to it is refused
/// LoopbackPort.accepts(port)             // false
/// ```
public enum LoopbackPort {
    private static func withLoopbackSocket<T>(port: Int, _ body: (Int32, UnsafeMutablePointer<sockaddr>) -> T) -> T {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { body(fd, $0) }
        }
    }

    /// Whether something accepts TCP connections on `port` of 127.0.0.1.
    public static func accepts(_ port: Int) -> Bool {
        withLoopbackSocket(port: port) { fd, address in
            connect(fd, address, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
        }
    }

    /// A port nothing listens on: bound to get a free one, then released (another process could take
    /// it in between; on a test machine that is rare enough).
    public static func unused() throws -> Int {
        let port = withLoopbackSocket(port: 0) { fd, address -> Int? in
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            guard bind(fd, address, length) == 0, getsockname(fd, address, &length) == 0 else { return nil }
            return address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) {
                Int(UInt16(bigEndian: $0.pointee.sin_port))
            }
        }
        guard let port else { throw TLSTestServer.ServerError("no free port on 127.0.0.1") }
        return port
    }

}
