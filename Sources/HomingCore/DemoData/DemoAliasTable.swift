/// Walker's alias method: draws an index with probability proportional to its weight in O(1).
///
/// ```swift
/// let table = DemoAliasTable(weights: [1, 0, 3])
/// var random = DemoRandom(seed: 1, stream: .orderCounts, index: 0)
/// table.draw(&random)   // 0 a quarter of the time, 2 otherwise, never 1
/// ```
///
/// Built with Vose's stable variant; only IEEE arithmetic, so draws are identical on every platform.
struct DemoAliasTable {
    private var probabilities: [Double]
    private var aliases: [UInt32]

    /// `weights` must be non-negative with a positive sum.
    init(weights: [Double]) {
        let count = weights.count
        let total = weights.reduce(0, +)
        probabilities = weights.map { $0 * Double(count) / total }
        aliases = Array(repeating: 0, count: count)
        var small: [UInt32] = []
        var large: [UInt32] = []
        for (index, probability) in probabilities.enumerated() {
            if probability < 1 { small.append(UInt32(index)) } else { large.append(UInt32(index)) }
        }
        while let less = small.last, let more = large.last {
            small.removeLast()
            aliases[Int(less)] = more
            probabilities[Int(more)] -= 1 - probabilities[Int(less)]
            if probabilities[Int(more)] < 1 {
                large.removeLast()
                small.append(more)
            }
        }
        // Leftovers are 1 up to rounding error.
        for index in small + large { probabilities[Int(index)] = 1 }
    }

    func draw(_ random: inout DemoRandom) -> Int {
        let index = random.below(probabilities.count)
        return random.unit() < probabilities[index] ? index : Int(aliases[index])
    }
}
