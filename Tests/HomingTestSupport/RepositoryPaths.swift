import Foundation

/// Paths inside this repository, found from this source file's location so tests run from any directory.
///
/// ```swift
/// let config = RepositoryPaths.config          // <repo>/config
/// let text = try String(contentsOf: RepositoryPaths.root.appendingPathComponent("config/homing.yaml"))
/// ```
public enum RepositoryPaths {
    /// The repository root: this file is `Tests/HomingTestSupport/RepositoryPaths.swift`.
    public static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The shipped configuration directory, `config/`.
    public static var config: URL { root.appendingPathComponent("config", isDirectory: true) }
}
