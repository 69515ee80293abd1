/// The retention metrics of DESIGN.md §4.4 over a window W = [from, to) of completed orders.
///
/// ```swift
/// var tally = RetentionTally(window: DateWindow(from: from, to: to))
/// for order in completedOrders { tally.add(buyer: order.customerKey, at: order.orderedAt, baseMinor: order.baseMinor) }
/// let metrics = tally.metrics(firstOrderAt: { key in firstOrders[key]! })
/// metrics.repeatCustomerRate   // nil when there are no buyers
/// ```
///
/// Money stays in base minor units; callers convert for display. Every ratio whose denominator is empty
/// is nil, never 0 or NaN.
public struct RetentionMetrics: Hashable, Sendable {
    public var buyers: Int
    public var orders: Int
    public var revenueMinor: Int64
    /// Buyers with ≥ 2 orders in W ÷ buyers.
    public var repeatCustomerRate: Double?
    /// Orders ÷ buyers.
    public var purchaseFrequency: Double?
    /// Revenue ÷ orders, base minor units.
    public var averageOrderValueMinor: Double?
    /// AOV × purchase frequency, base minor units.
    public var customerValueMinor: Double?
    /// Customer value ÷ length of W in years of 365.25 days, base minor units.
    public var annualCustomerValueMinor: Double?
    /// Mean over buyers of (last − first completed order up to `to`), in years of 365.25 days.
    public var averageLifespanYears: Double?
    /// Annual customer value × average lifespan, base minor units.
    public var clvMinor: Double?
    /// Share of the previous equal-length window's buyers who also bought in W.
    public var retentionRate: Double?
    /// 1 − retention rate.
    public var churnRate: Double?
}

/// A half-open interval of instants, [from, to).
public struct DateWindow: Hashable, Sendable {
    public var from: Instant
    public var to: Instant

    public init(from: Instant, to: Instant) {
        self.from = from
        self.to = to
    }

    /// The window of the same length that ends where this one starts.
    public var previous: DateWindow {
        DateWindow(
            from: Instant(millisecondsSince1970: 2 * from.millisecondsSince1970 - to.millisecondsSince1970),
            to: from
        )
    }

    public var lengthInYears: Double {
        Double(to.millisecondsSince1970 - from.millisecondsSince1970) / RetentionTally.millisecondsPerYear
    }

    public func contains(_ instant: Instant) -> Bool { instant >= from && instant < to }
}

/// Accumulates completed orders of W and of the window before it, one order at a time, then computes
/// `RetentionMetrics` for everyone or per group (e.g. per segment).
public struct RetentionTally: Sendable {
    public let window: DateWindow
    private var buyers: [Int64: Buyer] = [:]

    struct Buyer: Sendable {
        var orders = 0
        var revenueMinor: Int64 = 0
        var lastOrderAt = Instant(millisecondsSince1970: .min)
        var boughtBefore = false
    }

    static let millisecondsPerYear = 365.25 * 86_400_000

    public init(window: DateWindow) { self.window = window }

    /// Counts one completed order; orders outside W and the previous window are ignored.
    public mutating func add(buyer: Int64, at orderedAt: Instant, baseMinor: Int64) {
        if window.contains(orderedAt) {
            buyers[buyer, default: Buyer()].orders += 1
            buyers[buyer, default: Buyer()].revenueMinor += baseMinor
            if orderedAt > buyers[buyer, default: Buyer()].lastOrderAt { buyers[buyer]!.lastOrderAt = orderedAt }
        } else if window.previous.contains(orderedAt) {
            buyers[buyer, default: Buyer()].boughtBefore = true
        }
    }

    /// Metrics over everyone. `firstOrderAt` gives a buyer's first completed order ever.
    public func metrics(firstOrderAt: (Int64) -> Instant) -> RetentionMetrics {
        metrics(of: buyers.lazy.map { $0 }, firstOrderAt: firstOrderAt)
    }

    /// Metrics per group; customers for whom `group` is nil are left out.
    public func metrics(by group: (Int64) -> String?, firstOrderAt: (Int64) -> Instant) -> [String: RetentionMetrics] {
        var members: [String: [(key: Int64, value: Buyer)]] = [:]
        for entry in buyers {
            if let name = group(entry.key) { members[name, default: []].append(entry) }
        }
        return members.mapValues { metrics(of: $0, firstOrderAt: firstOrderAt) }
    }

    private func metrics(
        of entries: some Sequence<(key: Int64, value: Buyer)>,
        firstOrderAt: (Int64) -> Instant
    ) -> RetentionMetrics {
        var buyerCount = 0
        var orders = 0
        var revenue: Int64 = 0
        var repeaters = 0
        var lifespanSum = 0.0
        var previousBuyers = 0
        var retained = 0
        for (key, buyer) in entries {
            if buyer.boughtBefore {
                previousBuyers += 1
                if buyer.orders > 0 { retained += 1 }
            }
            guard buyer.orders > 0 else { continue }
            buyerCount += 1
            orders += buyer.orders
            revenue += buyer.revenueMinor
            if buyer.orders >= 2 { repeaters += 1 }
            let span = buyer.lastOrderAt.millisecondsSince1970 - firstOrderAt(key).millisecondsSince1970
            lifespanSum += Double(span) / Self.millisecondsPerYear
        }
        func ratio(_ numerator: Double, _ denominator: Double) -> Double? {
            denominator == 0 ? nil : numerator / denominator
        }
        let frequency = ratio(Double(orders), Double(buyerCount))
        let aov = ratio(Double(revenue), Double(orders))
        let customerValue = aov.flatMap { aov in frequency.map { aov * $0 } }
        let annual = customerValue.flatMap { ratio($0, window.lengthInYears) }
        let lifespan = ratio(lifespanSum, Double(buyerCount))
        let retention = ratio(Double(retained), Double(previousBuyers))
        return RetentionMetrics(
            buyers: buyerCount,
            orders: orders,
            revenueMinor: revenue,
            repeatCustomerRate: ratio(Double(repeaters), Double(buyerCount)),
            purchaseFrequency: frequency,
            averageOrderValueMinor: aov,
            customerValueMinor: customerValue,
            annualCustomerValueMinor: annual,
            averageLifespanYears: lifespan,
            clvMinor: annual.flatMap { annual in lifespan.map { annual * $0 } },
            retentionRate: retention,
            churnRate: retention.map { 1 - $0 }
        )
    }
}
