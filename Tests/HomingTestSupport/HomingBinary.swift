import Foundation

/// What one run of the `homing` binary did.
public struct HomingRun: Sendable, CustomStringConvertible {
    public let arguments: [String]
    public let exitCode: Int32
    public let stdout: String
    public let stderr: String

    /// Standard output split into lines, without the trailing empty line.
    public var stdoutLines: [String] { Self.lines(stdout) }
    /// Standard error split into lines, without the trailing empty line.
    public var stderrLines: [String] { Self.lines(stderr) }

    public var description: String {
        "homing \(arguments.joined(separator: " ")) exited \(exitCode)\n--- stdout\n\(stdout)--- stderr\n\(stderr)"
    }

    private static func lines(_ text: String) -> [String] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines
    }
}

/// The `homing` executable that `swift build` put next to the test bundle, run as a subprocess.
///
/// ```swift
/// let run = try HomingBinary.run(["segments", "--json", "--db", db], in: directory)
/// #expect(run.exitCode == 0, "\(run)")
/// ```
///
/// `HOMING_BINARY` overrides the location. The child gets the test's environment minus `HOMING_DB`
/// (so a developer's setting never leaks in), plus `environment`; it runs in `directory`.
public enum HomingBinary {
    /// The binary's location; throws a message saying how to build it when it is missing.
    public static func url() throws -> URL {
        if let override = ProcessInfo.processInfo.environment["HOMING_BINARY"], !override.isEmpty {
            let url = URL(fileURLWithPath: override)
            guard FileManager.default.isExecutableFile(atPath: url.path) else {
                throw HomingBinaryError("HOMING_BINARY=\(override) is not an executable file")
            }
            return url
        }
        let candidates = productDirectories().map { $0.appendingPathComponent("homing") }
        if let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) {
            return found
        }
        throw HomingBinaryError(
            "the homing binary was not found next to the tests (looked at \(candidates.map(\.path).joined(separator: ", "))); "
                + "build it with `swift build --build-tests` or set HOMING_BINARY"
        )
    }

    /// Runs `homing arguments` in `directory`, feeding `stdin` (empty when nil), and waits for it.
    public static func run(
        _ arguments: [String],
        in directory: URL,
        stdin: Data? = nil,
        environment: [String: String] = [:]
    ) throws -> HomingRun {
        let process = Process()
        process.executableURL = try url()
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        env["HOMING_DB"] = nil
        env.merge(environment) { _, new in new }
        process.environment = env
        // Files rather than pipes: a chatty child can never block on a full pipe while we wait for it.
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("homing-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let inURL = scratch.appendingPathComponent("stdin")
        let outURL = scratch.appendingPathComponent("stdout")
        let errURL = scratch.appendingPathComponent("stderr")
        try (stdin ?? Data()).write(to: inURL)
        try Data().write(to: outURL)
        try Data().write(to: errURL)
        let input = try FileHandle(forReadingFrom: inURL)
        let output = try FileHandle(forWritingTo: outURL)
        let error = try FileHandle(forWritingTo: errURL)
        defer {
            try? input.close()
            try? output.close()
            try? error.close()
        }
        process.standardInput = input
        process.standardOutput = output
        process.standardError = error
        try process.run()
        process.waitUntilExit()
        return HomingRun(
            arguments: arguments,
            exitCode: process.terminationStatus,
            stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self)
        )
    }

    /// Where SwiftPM puts built products: the directory holding the test bundle or executable.
    private static func productDirectories() -> [URL] {
        var directories: [URL] = []
        func add(_ url: URL?) {
            guard let url else { return }
            let resolved = url.resolvingSymlinksInPath()
            // On macOS the test bundle is a directory `X.xctest`; the products sit beside it.
            for directory in [resolved, resolved.deletingLastPathComponent()] where !directories.contains(directory) {
                directories.append(directory)
            }
        }
        add(URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent())
        add(Bundle.main.executableURL?.deletingLastPathComponent())
        add(Bundle.main.bundleURL)
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            add(bundle.bundleURL.deletingLastPathComponent())
        }
        if let first = CommandLine.arguments.first {
            add(URL(fileURLWithPath: first).deletingLastPathComponent())
        }
        return directories
    }
}

/// The `homing` binary could not be found or run.
public struct HomingBinaryError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
