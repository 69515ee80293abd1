import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A small real HTTP/1.1 server on 127.0.0.1 and an ephemeral port, for tests that need real traffic.
///
/// ```swift
/// let server = try LoopbackHTTPServer { request in
///     request.path == "/slow" ? .never : .respond(status: 200, headers: [("X-Id", "1")], body: Array("ok".utf8))
/// }
/// defer { server.stop() }
/// // send to "http://127.0.0.1:\(server.port)/hello", then:
/// server.requests.first?.header("content-type")
/// server.acceptedConnections   // how many TCP connections the client opened
/// ```
///
/// One thread accepts, one thread serves each connection, requests on a connection are answered in
/// order and the connection is kept alive until the client closes it or sends `Connection: close`.
/// Bodies are read by `Content-Length` only (no chunked request bodies). Every request is recorded
/// with the ordinal of the connection it came on, before the handler decides the reply.
public final class LoopbackHTTPServer: @unchecked Sendable {
    /// One request as the server received it.
    public struct Request: Sendable {
        public var method: String
        /// The request target, e.g. `/v1/messages?x=1`.
        public var path: String
        public var headers: [Header]
        public var body: [UInt8]
        /// 1 for the first connection the server accepted, 2 for the second, …
        public var connection: Int

        /// The first value of `name`, compared case-insensitively.
        public func header(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == name.lowercased() }?.value
        }

        public var bodyText: String { String(decoding: body, as: UTF8.self) }
    }

    public struct Header: Sendable, Equatable {
        public var name: String
        public var value: String

        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    /// What to do with a request.
    public enum Reply: Sendable {
        /// Answer after waiting `delay`.
        case respond(status: Int, headers: [Header] = [], body: [UInt8] = [], delay: Duration = .zero)
        /// Never answer; the connection stays open until the client gives up or the server stops.
        case never

        /// `200` with an empty body.
        public static let ok = Reply.respond(status: 200)
    }

    private struct State {
        var requests: [Request] = []
        var accepted = 0
        var openSockets: Set<Int32> = []
        var stopped = false
    }

    public let port: Int
    private let listener: Int32
    private let handler: @Sendable (Request) -> Reply
    // NSLock rather than Mutex: ThreadSanitizer sees pthread locking, not Mutex's, on Linux.
    private let lock = NSLock()
    private var unsafeState = State()

    public init(handler: @escaping @Sendable (Request) -> Reply = { _ in .ok }) throws {
        self.handler = handler
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.listener = listener
        guard listener >= 0 else { throw ServerError("socket: \(String(cString: strerror(errno)))") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
                bind(listener, address, length) == 0 && listen(listener, 256) == 0
                    && getsockname(listener, address, &length) == 0
            }
        }
        guard bound else {
            let reason = String(cString: strerror(errno))
            close(listener)
            throw ServerError("bind/listen on 127.0.0.1: \(reason)")
        }
        port = Int(UInt16(bigEndian: address.sin_port))
        Thread.detachNewThread { [self] in acceptLoop() }
    }

    deinit { stop() }

    /// Closes every open connection from the server's side, as a server does with idle keep-alive
    /// connections when its timeout runs out; the server keeps accepting new ones.
    public func closeConnections() {
        for socket in withState({ $0.openSockets }) { shutdown(socket, Int32(SHUT_RDWR)) }
    }

    /// Every request received so far, in arrival order.
    public var requests: [Request] { withState { $0.requests } }

    /// How many TCP connections the server has accepted.
    public var acceptedConnections: Int { withState { $0.accepted } }

    /// Waits until at least `count` requests have arrived or `timeout` passes; returns whether they did.
    /// The default is generous: under a full parallel test run the senders may wait long for a thread.
    public func waitForRequests(_ count: Int, timeout: Duration = .seconds(60)) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if requests.count >= count { return true }
            try? await Task.sleep(for: .milliseconds(5))
        }
        return requests.count >= count
    }

    /// Closes the listener and every open connection. Idempotent.
    public func stop() {
        let sockets = withState { state -> Set<Int32>? in
            guard !state.stopped else { return nil }
            state.stopped = true
            return state.openSockets
        }
        guard let sockets else { return }
        // shutdown wakes the threads blocked in accept/recv; each thread closes its own descriptor.
        shutdown(listener, Int32(SHUT_RDWR))
        for socket in sockets { shutdown(socket, Int32(SHUT_RDWR)) }
    }

    private func withState<Result>(_ body: (inout State) -> Result) -> Result {
        lock.withLock { body(&unsafeState) }
    }

    private func acceptLoop() {
        defer { close(listener) }
        while true {
            let client = accept(listener, nil, nil)
            if client < 0 {
                if errno == EINTR || errno == ECONNABORTED { continue }
                return
            }
            let ordinal = withState { state -> Int? in
                guard !state.stopped else { return nil }
                state.accepted += 1
                state.openSockets.insert(client)
                return state.accepted
            }
            guard let ordinal else {
                close(client)
                return
            }
            Thread.detachNewThread { [self] in serve(client, connection: ordinal) }
        }
    }

    private func serve(_ socket: Int32, connection: Int) {
        defer {
            _ = withState { $0.openSockets.remove(socket) }
            close(socket)
        }
        var reader = SocketReader(socket: socket)
        while let request = reader.readRequest(connection: connection) {
            withState { $0.requests.append(request) }
            switch handler(request) {
            case .never:
                // Hold the connection open, reading and discarding until the client closes it.
                while reader.fill() {}
                return
            case .respond(let status, let headers, let body, let delay):
                if delay > .zero {
                    Thread.sleep(
                        forTimeInterval: Double(delay.components.seconds) + Double(delay.components.attoseconds) / 1e18
                    )
                }
                var head = "HTTP/1.1 \(status) \(Self.reason(status))\r\nContent-Length: \(body.count)\r\n"
                for header in headers { head += "\(header.name): \(header.value)\r\n" }
                head += "\r\n"
                guard write(socket, Array(head.utf8) + body) else { return }
            }
            if request.header("connection")?.lowercased() == "close" { return }
        }
    }

    private func write(_ socket: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if sent < 0 && errno == EINTR { continue }
            guard sent > 0 else { return false }
            offset += sent
        }
        return true
    }

    private static func reason(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 201: "Created"
        case 202: "Accepted"
        case 204: "No Content"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 404: "Not Found"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 503: "Service Unavailable"
        default: "Status"
        }
    }

    public struct ServerError: Error, CustomStringConvertible {
        public var description: String
        init(_ description: String) { self.description = description }
    }
}

/// Buffered reads of HTTP/1.1 requests from one socket.
private struct SocketReader {
    let socket: Int32
    var buffer: [UInt8] = []

    init(socket: Int32) { self.socket = socket }

    /// Reads more bytes into the buffer; false at end of stream or on error.
    mutating func fill() -> Bool {
        var chunk = [UInt8](repeating: 0, count: 16_384)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return false }
            buffer.append(contentsOf: chunk[..<count])
            return true
        }
    }

    /// The next complete request, or nil when the connection ends first.
    mutating func readRequest(connection: Int) -> LoopbackHTTPServer.Request? {
        let terminator: [UInt8] = [13, 10, 13, 10]
        var headEnd: Int?
        while true {
            if let end = buffer.firstRange(of: terminator)?.upperBound {
                headEnd = end
                break
            }
            guard fill() else { return nil }
        }
        guard let headEnd else { return nil }
        let head = String(decoding: buffer[..<(headEnd - 4)], as: UTF8.self)
        buffer.removeFirst(headEnd)
        var lines = head.components(separatedBy: "\r\n")
        let requestLine = lines.removeFirst().split(separator: " ", maxSplits: 2).map(String.init)
        guard requestLine.count >= 2 else { return nil }
        let headers = lines.compactMap { line -> LoopbackHTTPServer.Header? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            return LoopbackHTTPServer.Header(String(line[..<colon]), value)
        }
        let length =
            headers.first { $0.name.lowercased() == "content-length" }.flatMap { Int($0.value) } ?? 0
        while buffer.count < length {
            guard fill() else { return nil }
        }
        let body = Array(buffer[..<length])
        buffer.removeFirst(length)
        return LoopbackHTTPServer.Request(
            method: requestLine[0],
            path: requestLine[1],
            headers: headers,
            body: body,
            connection: connection
        )
    }
}
