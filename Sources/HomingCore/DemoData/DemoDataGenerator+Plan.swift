extension DemoDataGenerator {
    /// What planning decides; rows are rendered from it later.
    struct Plan {
        var signups: [UInt32]
        var regionIndices: [UInt8]
        var spendFactors: [Float]
        var orderKeys: [UInt64]
    }

    /// One customer's planned behaviour.
    struct Profile {
        var region: UInt8
        var spend: Float
        /// Seconds after the start when the customer stops buying (churn), or the end of the history.
        var activeUntil: UInt32
        /// Relative number of orders; 0 for prospects.
        var weight: Double
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
        let regionWeights = regions.map(\.region.weight)
        let profiles = parallelMap(count: customers) { customer in
            profile(customer, signup: Int(signups[customer]), span: span, seed: seed, regionWeights: regionWeights)
        }
        let counts = orderCounts(total: orders, weights: profiles.map(\.weight), seed: seed)
        // Customer c's keys go to slots firstOrder[c]..<firstOrder[c + 1], so customers fill in parallel.
        let firstOrder = runningTotals(counts)
        let keys = [UInt64](unsafeUninitializedCapacity: orders) { keys, initialized in
            nonisolated(unsafe) let slots = keys
            parallelFor(count: customers) { range in
                for customer in range where counts[customer] > 0 {
                    let profile = profiles[customer]
                    writeOrderTimes(
                        customer: customer,
                        seed: seed,
                        window: Int(signups[customer]) + 60...Int(profile.activeUntil),
                        zone: regions[Int(profile.region)].offsets,
                        start: start,
                        into: .init(rebasing: slots[firstOrder[customer]..<firstOrder[customer + 1]])
                    )
                }
            }
            initialized = orders
        }
        return Plan(
            signups: signups,
            regionIndices: profiles.map(\.region),
            spendFactors: profiles.map(\.spend),
            orderKeys: DemoRadixSort.sorted(keys)
        )
    }

    /// `[0, c0, c0 + c1, …]`: where each customer's run of order keys starts.
    static func runningTotals(_ counts: [UInt32]) -> [Int] {
        var totals = [Int](repeating: 0, count: counts.count + 1)
        for index in counts.indices { totals[index + 1] = totals[index] + Int(counts[index]) }
        return totals
    }

    /// Signup times in seconds after the start, ascending so customer ids follow signup order as in a real shop.
    /// The density grows linearly over the history: a growing shop has more recent signups.
    static func signupTimes(count: Int, seed: UInt64, latest: Int) -> [UInt32] {
        let times = parallelMap(count: count) { index in
            var random = DemoRandom(seed: seed, stream: .signups, index: index)
            return UInt32(Double(latest) * random.unit().squareRoot())
        }
        return DemoRadixSort.sorted(times.map(UInt64.init)).map { UInt32(truncatingIfNeeded: $0) }
    }

    static func profile(_ customer: Int, signup: Int, span: Int, seed: UInt64, regionWeights: [Int]) -> Profile {
        var random = DemoRandom(seed: seed, stream: .profile, index: customer)
        let region = UInt8(random.weightedIndex(regionWeights))
        let spend = Float(random.logNormal(median: 1, sigma: 0.35))
        // Half the buyers churn somewhere between signup and now; the rest are still active.
        var end = span - 1
        if random.chance(0.45) { end = signup + Int(Double(span - signup) * random.unit()) }
        let activeUntil = min(max(end, signup + 86_400), span - 1)
        guard !random.chance(prospectShare) else {
            return Profile(region: region, spend: spend, activeUntil: UInt32(activeUntil), weight: 0)
        }
        // Heavy tail: a Pareto buying rate times the days the customer is active (plus a first-order bump).
        let activeDays = Double(activeUntil - signup) / 86_400
        let weight = random.pareto(alpha: 1.1, cap: 30) * (activeDays + 20)
        return Profile(region: region, spend: spend, activeUntil: UInt32(activeUntil), weight: weight)
    }

    /// Splits `total` orders over customers in proportion to their weights (a multinomial draw).
    /// The draws come from a fixed number of streams whatever the core count, and integer sums commute,
    /// so the counts are the same on every machine.
    static func orderCounts(total: Int, weights: [Double], seed: UInt64) -> [UInt32] {
        guard total > 0 else { return [UInt32](repeating: 0, count: weights.count) }
        // Tiny data sets may draw only prospects; then everyone may buy.
        let table = DemoAliasTable(weights: weights.contains { $0 > 0 } ? weights : weights.map { _ in 1 })
        let streams = 16
        var counts = [UInt32](repeating: 0, count: weights.count)
        var next = 0
        // One round of streams per core at a time keeps memory at one count array per core.
        while next < streams {
            let first = next
            let partials = parallelMap(count: min(coreCount, streams - first)) { offset in
                var partial = [UInt32](repeating: 0, count: weights.count)
                var random = DemoRandom(seed: seed, stream: .orderCounts, index: first + offset)
                let draws = total / streams + (first + offset < total % streams ? 1 : 0)
                for _ in 0..<draws { partial[table.draw(&random)] += 1 }
                return partial
            }
            for partial in partials {
                for index in counts.indices { counts[index] += partial[index] }
            }
            next += partials.count
        }
        return counts
    }

    /// Writes one customer's order keys: often a first order right after signup, the rest spread over the
    /// active window with an evening-heavy rhythm in the customer's own time zone.
    static func writeOrderTimes(
        customer: Int,
        seed: UInt64,
        window: ClosedRange<Int>,
        zone: DemoZoneOffsets,
        start: Int64,
        into keys: UnsafeMutableBufferPointer<UInt64>
    ) {
        var random = DemoRandom(seed: seed, stream: .orderTimes, index: customer)
        let peak = hourlyVolume.max()!
        for index in keys.indices {
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
            keys.initializeElement(at: index, to: UInt64(time) << 32 | UInt64(customer))
        }
    }
}
