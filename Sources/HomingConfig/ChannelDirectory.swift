import Foundation
import HomingCore

/// The channel files of a directory: `channels/*.yaml`, one channel each.
///
/// ```swift
/// let channels = try ChannelDirectory.load(path: "channels")
/// channels.settings[.email]?.adapter      // .smtp(…)
/// ```
///
/// Two files for the same channel are an error: which adapter sends must never depend on file order.
public struct ChannelDirectory: Sendable {
    public var settings: [DeliveryChannel: ChannelSettings]
    public var path: String

    public static func load(path: String) throws(ConfigError) -> ChannelDirectory {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: path).filter { $0.hasSuffix(".yaml") }.sorted()
        } catch {
            throw ConfigError("\(path): no channels directory; run from the repository or pass --channels DIR")
        }
        var settings: [DeliveryChannel: ChannelSettings] = [:]
        for name in names {
            let file = (path as NSString).appendingPathComponent(name)
            let text: String
            do { text = try String(contentsOfFile: file, encoding: .utf8) } catch {
                throw ConfigError("\(file): cannot read: \(error.localizedDescription)")
            }
            let channel = try ChannelSettings(yaml: text, file: file)
            if let other = settings[channel.channel] {
                throw ConfigError(
                    "\(file): channel \(channel.channel) is already configured by \(other.file); keep one"
                )
            }
            settings[channel.channel] = channel
        }
        return ChannelDirectory(settings: settings, path: path)
    }
}
