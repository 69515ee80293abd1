/// What the interpreter needs to know about one enrolment when it advances it.
///
/// ```swift
/// let facts = EnrolmentFacts(enteredAt: entered, firstOrderSinceEntry: nil,
///                            currentSegment: "at_risk", locale: try LocaleTag(parsing: "fr-CA"),
///                            attributes: ["country": "CA"])
/// ```
///
/// The engine reads these from the store just before advancing, so exits and branches see the
/// customer as they are now, not as they were at entry.
public struct EnrolmentFacts: Hashable, Sendable {
    public var enteredAt: Instant
    /// The first completed order strictly after entry, if any.
    public var firstOrderSinceEntry: Instant?
    /// The segment the customer was in when they entered, for `left_segment` when the journey names none.
    public var entrySegment: String?
    public var currentSegment: String?
    public var locale: LocaleTag?
    /// Customer attributes a branch can look at, such as `country`.
    public var attributes: [String: String]
    public var unsubscribedFromAll: Bool
    public var unsubscribedChannels: Set<DeliveryChannel>

    public init(
        enteredAt: Instant,
        firstOrderSinceEntry: Instant? = nil,
        entrySegment: String? = nil,
        currentSegment: String? = nil,
        locale: LocaleTag? = nil,
        attributes: [String: String] = [:],
        unsubscribedFromAll: Bool = false,
        unsubscribedChannels: Set<DeliveryChannel> = []
    ) {
        self.enteredAt = enteredAt
        self.firstOrderSinceEntry = firstOrderSinceEntry
        self.entrySegment = entrySegment
        self.currentSegment = currentSegment
        self.locale = locale
        self.attributes = attributes
        self.unsubscribedFromAll = unsubscribedFromAll
        self.unsubscribedChannels = unsubscribedChannels
    }
}
