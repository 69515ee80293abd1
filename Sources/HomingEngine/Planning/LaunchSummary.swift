import HomingCore

/// Sends planned by one launch or planning pass, counted by channel, locale and message.
public struct PlannedSends: Sendable, Hashable {
    public struct Key: Hashable, Sendable, Comparable {
        public var channel: String
        public var locale: String
        public var message: String

        public static func < (lhs: Key, rhs: Key) -> Bool {
            (lhs.message, lhs.channel, lhs.locale) < (rhs.message, rhs.channel, rhs.locale)
        }
    }

    public private(set) var counts: [Key: Int] = [:]
    public var total: Int { counts.values.reduce(0, +) }
    /// Sends planned for customers with no channel they consented to and have an address for;
    /// the dispatcher will record them as skipped.
    public internal(set) var unreachable = 0
    /// Sends that fall in their channel's quiet hours right now and will wait for the morning.
    public internal(set) var inQuietHours = 0

    public init() {}

    mutating func add(channel: DeliveryChannel, locale: String, message: String) {
        counts[Key(channel: channel.rawValue, locale: locale, message: message), default: 0] += 1
    }
}

/// What `homing launch` did, or would do with `--dry-run`.
public struct LaunchSummary: Sendable {
    public var journey: String
    /// Customers enrolled and sent through the journey.
    public var enrolled = 0
    /// Customers enrolled as the control group: recorded, sent nothing.
    public var holdout = 0
    /// Candidates already in the journey, or not yet allowed to re-enter.
    public var alreadyEnrolled = 0
    /// Candidates the journey's audience filters leave out.
    public var outsideAudience = 0
    public var planned = PlannedSends()

    public init(journey: String) { self.journey = journey }
}
