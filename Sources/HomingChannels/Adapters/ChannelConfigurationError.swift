/// An adapter could not be built from its configuration; the message says what to fix.
///
/// ```swift
/// do { _ = try WebhookAdapter(configuration: configuration, transport: transport) } catch {
///     print(error)   // webhook: environment variable HOMING_WEBHOOK_SECRET is not set; …
/// }
/// ```
///
/// Messages name environment variables, never their values: they hold secrets.
public struct ChannelConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The environment variable `variable` is unset or empty.
        case missingSecret(variable: String)
        /// The environment variable `variable` is set but its value is not usable.
        case invalidSecret(variable: String)
        /// The configured URL is not of a scheme the adapter speaks (`http`/`https`, `smtp`/`smtps`).
        case invalidURL
        /// The setting `field` has a value the adapter cannot use, or one it refuses as unsafe.
        case invalidSetting(field: String)
    }

    /// The channel whose configuration is wrong, e.g. `"webhook"`.
    public var channel: String
    public var kind: Kind
    public var message: String

    public init(channel: String, kind: Kind, message: String) {
        self.channel = channel
        self.kind = kind
        self.message = message
    }

    public var description: String { "\(channel): \(message)" }
}
