/// One scored customer's raw RFM values (DESIGN.md §4.3).
///
/// ```swift
/// let values = RFMValues(customerID: "c1", recencyDays: 12, frequency: 3, monetaryMinor: 15_990)
/// ```
public struct RFMValues: Hashable, Sendable {
    public var customerID: String
    /// Whole days from the last completed order to `as_of`.
    public var recencyDays: Int
    /// Completed orders at or before `as_of`.
    public var frequency: Int
    /// Sum of the completed orders' base values, in base minor units.
    public var monetaryMinor: Int64

    public init(customerID: String, recencyDays: Int, frequency: Int, monetaryMinor: Int64) {
        self.customerID = customerID
        self.recencyDays = recencyDays
        self.frequency = frequency
        self.monetaryMinor = monetaryMinor
    }
}

/// A customer's activity summary: the per-customer aggregate the store keeps current on every import.
///
/// ```swift
/// let activity = CustomerActivity(customerID: "c1", firstOrderAt: a, lastOrderAt: b, completedOrders: 3,
///                                 monetaryMinor: 15_990)
/// activity.rfmValues(asOf: now).recencyDays
/// ```
public struct CustomerActivity: Hashable, Sendable {
    public var customerID: String
    public var firstOrderAt: Instant
    public var lastOrderAt: Instant
    public var completedOrders: Int
    public var monetaryMinor: Int64

    public init(
        customerID: String,
        firstOrderAt: Instant,
        lastOrderAt: Instant,
        completedOrders: Int,
        monetaryMinor: Int64
    ) {
        self.customerID = customerID
        self.firstOrderAt = firstOrderAt
        self.lastOrderAt = lastOrderAt
        self.completedOrders = completedOrders
        self.monetaryMinor = monetaryMinor
    }

    /// The RFM values at `asOf`; the activity must only hold orders at or before `asOf`.
    public func rfmValues(asOf: Instant) -> RFMValues {
        RFMValues(
            customerID: customerID,
            recencyDays: asOf.days(since: lastOrderAt),
            frequency: completedOrders,
            monetaryMinor: monetaryMinor
        )
    }
}

/// Scores 1 (worst) to 5 (best) on each RFM dimension.
public struct RFMScore: Hashable, Sendable, CustomStringConvertible {
    public var r: Int
    public var f: Int
    public var m: Int

    public init(r: Int, f: Int, m: Int) {
        self.r = r
        self.f = f
        self.m = m
    }

    public var description: String { "r=\(r) f=\(f) m=\(m)" }
}

/// The three RFM dimensions, named as in `config/segments.yaml`.
public enum RFMDimension: String, Sendable, CaseIterable {
    case r, f, m
}
