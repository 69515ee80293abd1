import Foundation

extension HomingProcess {
    /// Starts `homing serve` on a free loopback port with the repository's templates, waits until
    /// it listens, and returns it with the base URL to call.
    ///
    /// ```swift
    /// let (server, base) = try HomingProcess.serve(channels: "channels", in: directory, environment: env)
    /// // base == "http://127.0.0.1:41234"; stop it with server.signal(SIGTERM)
    /// ```
    public static func serve(
        channels: String,
        config: String = RepositoryPaths.config.path,
        in directory: URL,
        environment: [String: String] = [:]
    ) throws -> (process: HomingProcess, base: String) {
        let templates = RepositoryPaths.root.appendingPathComponent("templates").path
        let server = try start(
            ["serve", "--port", "0", "--channels", channels, "--config", config, "--templates", templates],
            in: directory,
            environment: environment
        )
        let prefix = "listening on "
        guard let line = try server.waitForStdoutLines(1).first, line.hasPrefix(prefix) else {
            throw HomingBinaryError("homing serve did not say where it listens\n--- stderr\n\(server.stderr)")
        }
        return (server, "http://" + line.dropFirst(prefix.count))
    }
}
