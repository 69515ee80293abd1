import HomingCore

/// A configuration file Homing cannot use, with the place and the fix.
public struct ConfigError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
