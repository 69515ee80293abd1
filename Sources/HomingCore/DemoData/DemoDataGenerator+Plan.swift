extension DemoDataGenerator {
    /// What planning decides; rows are rendered from it later.
    struct Plan {
        var signups: [UInt32]
        var regionIndices: [UInt8]
        var spendFactors: [Float]
        var orderKeys: [UInt64]
    }

    /// Share of customers who sign up and never buy (prospects); Poisson luck adds a few more.
    static let prospectShare = 0.2
    /// Relative order volume by local hour: quiet at night, peaking in the evening.
    static let hourlyVolume: [Double] = [
        3, 2, 1, 1, 1, 1, 2, 4, 6, 8, 9, 10, 11, 10, 9, 9, 10, 11, 12, 14, 15, 14, 10, 6,
    ]

    static func plan(customers: Int, orders: Int, seed: UInt64, start: Int64, regions: [DemoRegionTables]) -> Plan {
        let span = historyDays * 86_400
        let signups = signupTimes(count: customers, seed: seed, latest: span - 2 * 86_400)
        var regionIndices = [UInt8](repeating: 0, count: customers)
        var spendFactors = [Float](repeating: 1, count: customers)
        var activeUntil = [UInt32](repeating: 0, count: customers)
        var weights = [Double](repeating: 0, count: customers)
        let regionWeights = regions.map(\.region.weight)
        for customer in 0..<customers {
            var random = DemoRandom(seed: seed, stream: .profile, index: customer)
            regionIndices[customer] = UInt8(random.weightedIndex(regionWeights))
            spendFactors[customer] = Float(random.logNormal(median: 1, sigma: 0.35))
            let signup = Int(signups[customer])
            // Half the buyers churn somewhere between signup and now; the rest are still active.
            var end = span - 1
            if random.chance(0.45) { end = signup + Int(Double(span - signup) * random.unit()) }
            activeUntil[customer] = UInt32(min(max(end, signup + 86_400), span - 1))
            guard !random.chance(prospectShare) else { continue }
            // Heavy tail: a Pareto buying rate times the days the customer is active (plus a first-order bump).
            let activeDays = Double(Int(activeUntil[customer]) - signup) / 86_400
            weights[customer] = random.pareto(alpha: 1.3, cap: 40) * (activeDays + 20)
        }
        let counts = orderCounts(total: orders, weights: weights, seed: seed)
        weights = []
        var keys: [UInt64] = []
        keys.reserveCapacity(orders)
        for customer in 0..<customers where counts[customer] > 0 {
            appendOrderTimes(
                customer: customer,
                count: Int(counts[customer]),
                seed: seed,
                window: Int(signups[customer]) + 60...Int(activeUntil[customer]),
                zone: regions[Int(regionIndices[customer])].offsets,
                start: start,
                to: &keys
            )
        }
        keys.sort()
        return Plan(signups: signups, regionIndices: regionIndices, spendFactors: spendFactors, orderKeys: keys)
    }

    /// Signup times in seconds after the start, ascending so customer ids follow signup order as in a real shop.
    /// The density grows linearly over the history: a growing shop has more recent signups.
    static func signupTimes(count: Int, seed: UInt64, latest: Int) -> [UInt32] {
        var random = DemoRandom(seed: seed, stream: .signups, index: 0)
        var times = (0..<count).map { _ in UInt32(Double(latest) * random.unit().squareRoot()) }
        times.sort()
        return times
    }

    /// Splits `total` orders over customers in proportion to their weights (a multinomial draw).
    static func orderCounts(total: Int, weights: [Double], seed: UInt64) -> [UInt32] {
        var counts = [UInt32](repeating: 0, count: weights.count)
        guard total > 0 else { return counts }
        // Tiny data sets may draw only prospects; then everyone may buy.
        let usable = weights.contains { $0 > 0 } ? weights : weights.map { _ in 1 }
        let table = DemoAliasTable(weights: usable)
        var random = DemoRandom(seed: seed, stream: .orderCounts, index: 0)
        for _ in 0..<total { counts[table.draw(&random)] += 1 }
        return counts
    }

    /// Appends one customer's order times: often a first order right after signup, the rest spread over the
    /// active window with an evening-heavy rhythm in the customer's own time zone.
    static func appendOrderTimes(
        customer: Int,
        count: Int,
        seed: UInt64,
        window: ClosedRange<Int>,
        zone: DemoZoneOffsets,
        start: Int64,
        to keys: inout [UInt64]
    ) {
        var random = DemoRandom(seed: seed, stream: .orderTimes, index: customer)
        let peak = hourlyVolume.max()!
        for index in 0..<count {
            var time: Int
            if index == 0, random.chance(0.6) {
                let delay = Int(random.exponential(mean: 86_400))
                time = window.lowerBound + min(delay, window.count - 1)
            } else {
                var attempts = 0
                repeat {
                    time = window.lowerBound + random.below(window.count)
                    let local = start + Int64(time) + Int64(zone.offset(at: start + Int64(time)))
                    let hour = Int((local % 86_400 + 86_400) % 86_400 / 3600)
                    attempts += 1
                    if random.unit() * peak < hourlyVolume[hour] { break }
                } while attempts < 8
            }
            keys.append(UInt64(time) << 32 | UInt64(customer))
        }
    }
}
