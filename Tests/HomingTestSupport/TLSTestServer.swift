import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An HTTPS server on 127.0.0.1 (`openssl s_server -www`) with a fresh self-signed certificate for
/// `IP:127.0.0.1`, so tests can check TLS verification against a CA file and without one.
///
/// ```swift
/// let server = try TLSTestServer()
/// defer { server.stop() }
/// // GET "https://127.0.0.1:\(server.port)/" trusting server.caFile answers 200
/// ```
///
/// Needs the `openssl` command (Debian package `openssl`, installed by scripts/setup.sh).
public final class TLSTestServer {
    public let port: Int
    /// The PEM certificate to trust: the server's own self-signed certificate.
    public let caFile: String
    private let directory: TemporaryDirectory
    private let process: Process

    public init() throws {
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
        process.arguments = [
            "openssl", "s_server", "-accept", "127.0.0.1:\(port)", "-cert", caFile, "-key", key, "-www", "-quiet",
        ]
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
            guard process.isRunning else { throw ServerError("openssl s_server exited early") }
            usleep(20_000)
        }
        stop()
        throw ServerError("openssl s_server did not listen on port \(port) within 10 s")
    }

    private static func openssl(_ arguments: [String]) throws {
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
