/// A journey's goal: an order within `window` seconds of entry ends it and counts as a conversion.
///
/// ```swift
/// let goal = JourneyGoal(orderWithinSeconds: 30 * 86_400)
/// goal.isReached(enteredAt: entered, firstOrder: entered.adding(days: 3))   // true
/// ```
public struct JourneyGoal: Hashable, Sendable {
    public var orderWithinSeconds: Int64

    public init(orderWithinSeconds: Int64) { self.orderWithinSeconds = orderWithinSeconds }

    /// Whether `firstOrder` (the first completed order after entry) falls inside the window.
    public func isReached(enteredAt: Instant, firstOrder: Instant?) -> Bool {
        guard let firstOrder, firstOrder >= enteredAt else { return false }
        return firstOrder < enteredAt.adding(seconds: orderWithinSeconds)
    }
}
