/// A way a journey reaches a customer, as journeys, quiet hours and frequency caps name it.
///
/// ```swift
/// DeliveryChannel(rawValue: "sms")      // .sms
/// DeliveryChannel.webhook.needsConsent  // false
/// ```
///
/// Named `DeliveryChannel`, not `Channel`, because `HomingTemplates.Channel` (the template parts of
/// email, SMS and push) is imported next to HomingCore in the engine and the CLI; the raw values
/// are the same, so `HomingTemplates.Channel(rawValue: channel.rawValue)` converts. A webhook
/// carries no template and goes to the shop's own endpoint, so it needs neither consent nor an address.
public enum DeliveryChannel: String, CaseIterable, Hashable, Sendable, Codable, CustomStringConvertible {
    case email
    case sms
    case push
    case webhook

    public var description: String { rawValue }

    /// Whether the customer must have consented to this channel (every channel but `webhook`).
    public var needsConsent: Bool { self != .webhook }
}
