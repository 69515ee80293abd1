import Foundation
import HomingCore

/// The configuration Homing runs with: `DIR/homing.yaml`, `DIR/segments.yaml` and `DIR/journeys/*.yaml`.
///
/// ```swift
/// let config = try ConfigDirectory.load(path: "config")
/// config.settings.rates.base.code    // "EUR"
/// ```
///
/// When no directory was asked for and `./config` does not exist, the shipped defaults are used,
/// so `homing` works from any directory; an explicitly named directory must exist. A directory
/// without a `journeys/` folder has no journeys.
public struct ConfigDirectory: Sendable {
    public var settings: HomingSettings
    public var segments: SegmentSettings
    /// The journeys, sorted by file name, with the lines their messages are named on.
    public var journeySettings: JourneySettings
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
        return ConfigDirectory(
            settings: settings,
            segments: segments,
            journeySettings: try JourneySettings(files: exists ? try journeyFiles(in: directory) : builtInJourneys),
            path: exists ? directory : nil
        )
    }

    /// The journey definitions, sorted by file name.
    public var journeys: [JourneyDefinition] { journeySettings.definitions }

    private static var builtInJourneys: [(path: String, text: String)] {
        DefaultConfig.journeysYAML.sorted { $0.key < $1.key }.map { ("built-in journeys/\($0.key)", $0.value) }
    }

    private static func journeyFiles(in directory: String) throws(ConfigError) -> [(path: String, text: String)] {
        let folder = (directory as NSString).appendingPathComponent("journeys")
        guard FileManager.default.fileExists(atPath: folder) else { return [] }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder)
        } catch {
            throw ConfigError("\(folder): cannot list: \(error.localizedDescription)")
        }
        var files: [(path: String, text: String)] = []
        for name in names.filter({ $0.hasSuffix(".yaml") }).sorted() {
            let path = (folder as NSString).appendingPathComponent(name)
            files.append((path, try read(path)))
        }
        return files
    }

    private static func read(_ file: String) throws(ConfigError) -> String {
        do {
            return try String(contentsOfFile: file, encoding: .utf8)
        } catch {
            throw ConfigError("\(file): cannot read: \(error.localizedDescription)")
        }
    }
}
