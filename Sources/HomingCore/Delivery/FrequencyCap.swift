/// At most `limit` marketing messages per `windowSeconds`, on one channel or on all of them.
///
/// ```swift
/// let emailCap = FrequencyCap(channel: .email, limit: 1, windowSeconds: 16 * 3600, action: .defer)
/// let overall = FrequencyCap(channel: nil, limit: 3, windowSeconds: 7 * 86_400, action: .skip)
/// ```
///
/// Caps count and apply to marketing messages only; transactional ones neither count nor wait.
public struct FrequencyCap: Hashable, Sendable, CustomStringConvertible {
    /// Nil caps every channel together.
    public var channel: DeliveryChannel?
    public var limit: Int
    public var windowSeconds: Int64
    public var action: Action

    /// What happens to a message over the cap; the reason is recorded either way.
    ///
    /// ```swift
    /// FrequencyCap.Action(rawValue: "defer")   // .defer, as written in homing.yaml
    /// ```
    public enum Action: String, Hashable, Sendable {
        /// Drop the message.
        case skip
        /// Hold it until the cap allows it again.
        case `defer`
    }

    public init(channel: DeliveryChannel?, limit: Int, windowSeconds: Int64, action: Action) {
        self.channel = channel
        self.limit = limit
        self.windowSeconds = windowSeconds
        self.action = action
    }

    public var description: String {
        "\(limit) \(channel.map { "\($0) " } ?? "")message\(limit == 1 ? "" : "s") per \(windowSeconds)s (\(action))"
    }

    /// Whether a message on `channel` counts towards this cap.
    public func covers(_ channel: DeliveryChannel) -> Bool { self.channel == nil || self.channel == channel }
}
