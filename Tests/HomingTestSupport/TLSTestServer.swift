import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An HTTPS server on 127.0.0.1 with a fresh self-signed certificate for `IP:127.0.0.1`, so tests can
/// check TLS verification against a CA file and without one, and HTTP/2 negotiation.
///
/// ```swift
/// let server = try TLSTestServer(.http2)
/// defer { server.stop() }
/// // GET "https://127.0.0.1:\(server.port)/" trusting server.caFile answers over HTTP/2
/// ```
///
/// `.http1` is `openssl s_server -www` (HTTP/1.0, a status page for any GET); `.http2` is `nghttpd`
/// (HTTP/2 only via ALPN, 404 for any path, `--echo-upload` returns POST bodies). Needs the `openssl`
/// and `nghttpd` commands (Debian `openssl`, `nghttp2-server`; scripts/setup.sh installs both).
public final class TLSTestServer {
    public enum Kind: Sendable {
        case http1
        case http2
    }

    public let kind: Kind
    public let port: Int
    /// The PEM certificate to trust: the server's own self-signed certificate.
    public let caFile: String
    private let directory: TemporaryDirectory
    private let process: Process

    public init(_ kind: Kind = .http1) throws {
        self.kind = kind
        directory = try TemporaryDirectory()
        let key = directory.url.appendingPathComponent("key.pem").path
        caFile = directory.url.appendingPathComponent("cert.pem").path
        try Self.openssl([
            "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
            "-keyout", key, "-out", caFile, "-days", "1", "-subj", "/CN=127.0.0.1",
            "-addext", "subjectAltName=IP:127.0.0.1",
        ])
        port = try LoopbackPort.unused()
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        switch kind {
        case .http1:
            process.arguments = [
                "openssl", "s_server", "-accept", "127.0.0.1:\(port)", "-cert", caFile, "-key", key, "-www", "-quiet",
            ]
        case .http2:
            process.arguments = [
                "nghttpd", "-a", "127.0.0.1", "-d", directory.url.path, "--echo-upload", "\(port)", key, caFile,
            ]
        }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        try waitUntilListening()
    }

    deinit { stop() }

    /// Kills the server process and waits for it.
    public func stop() {
        guard process.isRunning else { return }
        // SIGKILL: s_server -quiet does not exit on SIGTERM.
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    private func waitUntilListening() throws {
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            if LoopbackPort.accepts(port) { return }
            guard process.isRunning else { throw ServerError("\(kind) test server exited early") }
            usleep(20_000)
        }
        stop()
        throw ServerError("test server did not listen on port \(port) within 10 s")
    }

    static func openssl(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["openssl"] + arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ServerError("openssl \(arguments.first ?? "") failed; is the openssl command installed?")
        }
    }

    public struct ServerError: Error, CustomStringConvertible {
        public var description: String
        public init(_ description: String) { self.description = description }
    }
}
