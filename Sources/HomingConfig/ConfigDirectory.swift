import Foundation
import HomingCore

/// The configuration Homing runs with: `DIR/homing.yaml` and `DIR/segments.yaml`.
///
/// ```swift
/// let config = try ConfigDirectory.load(path: "config")
/// config.settings.rates.base.code    // "EUR"
/// ```
///
/// When no directory was asked for and `./config` does not exist, the shipped defaults are used,
/// so `homing` works from any directory; an explicitly named directory must exist.
public struct ConfigDirectory: Sendable {
    public var settings: HomingSettings
    public var segments: SegmentSettings
    /// Where the files came from, or nil for the built-in defaults.
    public var path: String?

    public static func load(path: String?) throws(ConfigError) -> ConfigDirectory {
        let directory = path ?? "config"
        var isDirectory: ObjCBool = false
        let exists =
            FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) && isDirectory.boolValue
        guard exists || path == nil else { throw ConfigError("\(directory): no such configuration directory") }
        let homingFile = (directory as NSString).appendingPathComponent("homing.yaml")
        let segmentsFile = (directory as NSString).appendingPathComponent("segments.yaml")
        let homingText = exists ? try read(homingFile) : DefaultConfig.homingYAML
        let settings = try HomingSettings(yaml: homingText, file: exists ? homingFile : "built-in homing.yaml")
        let segmentsText = exists ? try read(segmentsFile) : DefaultConfig.segmentsYAML
        let segments = try SegmentSettings(
            yaml: segmentsText,
            file: exists ? segmentsFile : "built-in segments.yaml",
            baseCurrency: settings.rates.base
        )
        return ConfigDirectory(settings: settings, segments: segments, path: exists ? directory : nil)
    }

    private static func read(_ file: String) throws(ConfigError) -> String {
        do {
            return try String(contentsOfFile: file, encoding: .utf8)
        } catch {
            throw ConfigError("\(file): cannot read: \(error.localizedDescription)")
        }
    }
}
