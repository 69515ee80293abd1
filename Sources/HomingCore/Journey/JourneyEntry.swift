/// What enrols a customer in a journey. An operator's `homing launch` is always allowed as well.
///
/// ```swift
/// let entry = JourneyEntry.segmentEntered(["at_risk", "hibernating"])
/// entry.isTriggered(bySegmentChange: "at_risk")   // true
/// ```
public enum JourneyEntry: Hashable, Sendable {
    /// A new customer arrives by import or webhook.
    case customerCreated
    /// A completed order arrives.
    case orderCompleted
    /// A saved segment snapshot moves the customer into one of these segments.
    case segmentEntered(Set<String>)
    /// Only `homing launch` enrols.
    case manual

    /// Whether moving into `segment` in a new snapshot enrols the customer.
    public func isTriggered(bySegmentChange segment: String) -> Bool {
        if case .segmentEntered(let segments) = self { return segments.contains(segment) }
        return false
    }
}
