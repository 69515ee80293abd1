/// A SplitMix64 random generator with the few distributions the demo data needs.
///
/// ```swift
/// var random = DemoRandom(seed: 42, stream: .orders, index: 7)
/// let die = random.below(6) + 1           // 1...6, the same on every machine
/// let amount = random.logNormal(median: 45, sigma: 0.6)
/// ```
///
/// Every customer and every order gets its own generator, derived from the seed and its index, so a value
/// never depends on how many values were drawn before it. Only IEEE `+ − × ÷ √` are used (via `DemoMath`),
/// because platform `log`/`exp` may differ in the last bit and the output must be byte-identical everywhere.
struct DemoRandom {
    /// Independent sequences drawn from one seed.
    enum Stream: UInt64 {
        case signups = 1
        case profile = 2
        case details = 3
        case orderTimes = 4
        case orders = 5
        case orderCounts = 6
    }

    private var state: UInt64

    init(seed: UInt64, stream: Stream, index: Int) {
        let streamSeed = DemoRandom.mix(seed ^ (stream.rawValue &* 0xD1B5_4A32_D192_ED03))
        state = DemoRandom.mix(streamSeed &+ UInt64(truncatingIfNeeded: index))
    }

    /// The SplitMix64 finaliser: a bijective 64-bit mix.
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform integer in `0..<bound` (Lemire's multiply-shift; the tiny bias is irrelevant here).
    mutating func below(_ bound: Int) -> Int {
        Int(truncatingIfNeeded: next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// A uniform integer in `range`.
    mutating func within(_ range: ClosedRange<Int>) -> Int { range.lowerBound + below(range.count) }

    /// A uniform double in `[0, 1)` with 53 random bits.
    mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// True with probability `probability`.
    mutating func chance(_ probability: Double) -> Bool { unit() < probability }

    /// One element of a non-empty array.
    mutating func pick<T>(_ elements: [T]) -> T { elements[below(elements.count)] }

    /// An index drawn with the given integer weights.
    mutating func weightedIndex(_ weights: [Int]) -> Int {
        var roll = below(weights.reduce(0, +))
        for (index, weight) in weights.enumerated() {
            if roll < weight { return index }
            roll -= weight
        }
        return weights.count - 1
    }

    /// A standard normal variate (Marsaglia's polar method: needs only `log` and `√`).
    mutating func normal() -> Double {
        while true {
            let u = 2 * unit() - 1
            let v = 2 * unit() - 1
            let s = u * u + v * v
            if s > 0, s < 1 { return u * (-2 * DemoMath.log(s) / s).squareRoot() }
        }
    }

    /// A log-normal variate with the given median and log-space standard deviation.
    mutating func logNormal(median: Double, sigma: Double) -> Double {
        median * DemoMath.exp(min(sigma * normal(), 30))
    }

    /// An exponential variate with the given mean.
    mutating func exponential(mean: Double) -> Double { -mean * DemoMath.log(1 - unit()) }

    /// A Pareto variate ≥ 1 with tail index `alpha`, capped at `cap` (real shops have no infinite buyers).
    mutating func pareto(alpha: Double, cap: Double) -> Double {
        min(DemoMath.exp(-DemoMath.log(1 - unit()) / alpha), cap)
    }
}
