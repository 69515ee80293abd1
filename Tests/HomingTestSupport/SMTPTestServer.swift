import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A real SMTP server on 127.0.0.1 and an ephemeral port (`scripts/test-servers/smtp_server.py`,
/// Python 3 standard library only), with a log of what it received.
///
/// ```swift
/// let server = try SMTPTestServer(.starttls, auth: ["LOGIN"], rcptReplies: ["gone@example.com": ["550 5.1.1 No such user"]])
/// defer { server.stop() }
/// // send to "smtp://127.0.0.1:\(server.port)" trusting server.caFile, then:
/// try server.messages().first?.data     // the message as received, dot-unstuffed
/// try server.connectionCount()          // TCP connections accepted so far
/// ```
///
/// `.starttls` advertises `STARTTLS`, `.smtps` is TLS from the first byte; both use a fresh
/// self-signed certificate for `IP:127.0.0.1`, which is also the CA to trust (`caFile`). With
/// `username`, the server offers `auth` mechanisms and refuses `MAIL` until a client
/// authenticates. Scripted replies are keyed by recipient and sent as given (several lines make a
/// multi-line reply). `silent` accepts connections and never says a word.
public final class SMTPTestServer: @unchecked Sendable {
    public enum Mode: String, Sendable {
        case plain, starttls, smtps
    }

    /// One message the server answered after `DATA`.
    public struct Message: Sendable {
        /// 1 for the first connection the server accepted, 2 for the second, …
        public var session: Int
        public var from: String
        public var to: [String]
        public var data: [UInt8]
        /// The AUTH mechanism and user name, when the session authenticated.
        public var auth: (mechanism: String, username: String)?
        public var tls: Bool
        /// The last line of the scripted reply, or `"250"` for the default acceptance.
        public var reply: String
    }

    public let port: Int
    /// The certificate to trust for `.starttls` and `.smtps`; nil for `.plain`.
    public let caFile: String?
    private let directory: TemporaryDirectory
    private let logFile: URL
    private let process: Process

    public init(
        _ mode: Mode = .plain,
        auth: [String] = [],
        username: String? = nil,
        password: String? = nil,
        rcptReplies: [String: [String]] = [:],
        dataReplies: [String: [String]] = [:],
        silent: Bool = false
    ) throws {
        directory = try TemporaryDirectory()
        logFile = directory.url.appendingPathComponent("sessions.jsonl")
        var arguments = ["python3", Self.script.path, "--log", logFile.path, "--mode", mode.rawValue]
        if mode == .plain {
            caFile = nil
        } else {
            let key = directory.url.appendingPathComponent("key.pem").path
            let certificate = directory.url.appendingPathComponent("cert.pem").path
            try TLSTestServer.openssl([
                "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", key, "-out", certificate, "-days", "1", "-subj", "/CN=127.0.0.1",
                "-addext", "subjectAltName=IP:127.0.0.1",
            ])
            caFile = certificate
            arguments += ["--cert", certificate, "--key", key]
        }
        if !auth.isEmpty { arguments += ["--auth", auth.joined(separator: ",")] }
        if let username { arguments += ["--user", username] }
        if let password { arguments += ["--password", password] }
        if !rcptReplies.isEmpty || !dataReplies.isEmpty {
            let script = try JSONSerialization.data(withJSONObject: ["rcpt": rcptReplies, "data": dataReplies])
            let path = directory.url.appendingPathComponent("script.json")
            try script.write(to: path)
            arguments += ["--script", path.path]
        }
        if silent { arguments.append("--silent") }
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        port = try Self.readPort(from: output.fileHandleForReading, process)
    }

    deinit { stop() }

    /// Stops the server and waits for it.
    public func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// How many TCP connections the server has accepted.
    public func connectionCount() throws -> Int {
        try records().filter { $0["event"] as? String == "connect" }.count
    }

    /// The messages received so far, in the order they were answered.
    public func messages() throws -> [Message] {
        try records().filter { $0["event"] as? String == "message" }.map { record in
            let auth = record["auth"] as? [String: String]
            return Message(
                session: record["session"] as? Int ?? 0,
                from: record["from"] as? String ?? "",
                to: record["to"] as? [String] ?? [],
                data: Array(Data(base64Encoded: record["data"] as? String ?? "") ?? Data()),
                auth: auth.map { ($0["mechanism"] ?? "", $0["username"] ?? "") },
                tls: record["tls"] as? Bool ?? false,
                reply: record["reply"] as? String ?? ""
            )
        }
    }

    private func records() throws -> [[String: Any]] {
        guard let data = FileManager.default.contents(atPath: logFile.path) else { return [] }
        return try data.split(separator: UInt8(ascii: "\n")).map { line in
            guard let record = try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] else {
                throw TLSTestServer.ServerError("SMTP test server log line is not a JSON object")
            }
            return record
        }
    }

    static var script: URL {
        RepositoryPaths.root.appendingPathComponent("scripts/test-servers/smtp_server.py")
    }

    /// The `PORT <n>` line the script prints once it listens; EOF means it exited first.
    private static func readPort(from output: FileHandle, _ process: Process) throws -> Int {
        var text = ""
        while !text.contains("\n") {
            let chunk = output.availableData
            guard !chunk.isEmpty else {
                throw TLSTestServer.ServerError("the SMTP test server exited early; is python3 installed?")
            }
            text += String(decoding: chunk, as: UTF8.self)
        }
        guard let line = text.split(separator: "\n").first, line.hasPrefix("PORT "), let port = Int(line.dropFirst(5))
        else {
            throw TLSTestServer.ServerError("the SMTP test server printed \(text.debugDescription), not its port")
        }
        return port
    }
}
