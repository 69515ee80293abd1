import Foundation

/// A long-running `homing` subprocess (a server such as `homing sink`): start it, read what it
/// prints while it runs, signal it, collect how it ended.
///
/// ```swift
/// let sink = try HomingProcess.start(["sink", "--smtp-port", "0", "--http-port", "0"], in: directory)
/// let lines = try sink.waitForStdoutLines(2)        // "smtp listening on 127.0.0.1:41234", …
/// sink.signal(SIGTERM)
/// let run = try sink.waitForExit()
/// #expect(run.exitCode == 0, "\(run)")
/// ```
///
/// Output goes to files, not pipes, so a chatty child never blocks. Waits poll with a generous
/// timeout and throw when it passes: a hung child fails the test instead of hanging it. The
/// child is killed when the value is released without having exited.
public final class HomingProcess {
    public let arguments: [String]
    private let process = Process()
    private let scratch: URL
    private var stdoutURL: URL { scratch.appendingPathComponent("stdout") }
    private var stderrURL: URL { scratch.appendingPathComponent("stderr") }

    private init(arguments: [String], scratch: URL) {
        self.arguments = arguments
        self.scratch = scratch
    }

    /// Starts `homing arguments` in `directory` with the test's environment minus `HOMING_DB`, plus `environment`.
    public static func start(
        _ arguments: [String],
        in directory: URL,
        environment: [String: String] = [:]
    ) throws -> HomingProcess {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("homing-proc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        let child = HomingProcess(arguments: arguments, scratch: scratch)
        try Data().write(to: child.stdoutURL)
        try Data().write(to: child.stderrURL)
        child.process.executableURL = try HomingBinary.url()
        child.process.arguments = arguments
        child.process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        env["HOMING_DB"] = nil
        env.merge(environment) { _, new in new }
        child.process.environment = env
        child.process.standardInput = FileHandle.nullDevice
        child.process.standardOutput = try FileHandle(forWritingTo: child.stdoutURL)
        child.process.standardError = try FileHandle(forWritingTo: child.stderrURL)
        try child.process.run()
        return child
    }

    deinit {
        if process.isRunning { process.terminate() }
        try? FileManager.default.removeItem(at: scratch)
    }

    public var stdout: String { (try? String(contentsOf: stdoutURL, encoding: .utf8)) ?? "" }
    public var stderr: String { (try? String(contentsOf: stderrURL, encoding: .utf8)) ?? "" }

    /// The first `count` complete lines of standard output, once the child has printed them.
    public func waitForStdoutLines(_ count: Int, timeout: Duration = .seconds(30)) throws -> [String] {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let lines = stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
            if lines.count >= count { return Array(lines.prefix(count)) }
            guard process.isRunning else { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw HomingBinaryError(
            "homing \(arguments.joined(separator: " ")) printed no \(count) lines\n--- stdout\n\(stdout)--- stderr\n\(stderr)"
        )
    }

    /// Sends `signal` (such as `SIGTERM`) to the child.
    public func signal(_ signal: Int32) {
        kill(process.processIdentifier, signal)
    }

    /// Waits for the child to exit and returns what it did.
    public func waitForExit(timeout: Duration = .seconds(30)) throws -> HomingRun {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
            guard ContinuousClock.now < deadline else {
                process.terminate()
                throw HomingBinaryError("homing \(arguments.joined(separator: " ")) did not exit within \(timeout)")
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return HomingRun(arguments: arguments, exitCode: process.terminationStatus, stdout: stdout, stderr: stderr)
    }
}
