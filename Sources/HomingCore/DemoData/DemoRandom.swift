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

/// `log` and `exp` from IEEE basic operations only, so results are identical on every platform.
///
/// ```swift
/// DemoMath.exp(DemoMath.log(45))   // 45.000000000000…
/// ```
enum DemoMath {
    // ln 2 split in two (fdlibm's Cody–Waite constants): `k × ln2Hi` is exact, so range reduction loses nothing.
    static let ln2Hi = 6.931_471_803_691_238_164_90e-01
    static let ln2Lo = 1.908_214_929_270_587_700_02e-10

    /// `1/n` and `1/(2n+1)`, so the series multiply instead of divide (division is the slow operation here).
    private static let reciprocals = (0...17).map { 1 / Double(max($0, 1)) }
    private static let oddReciprocals = (0...10).map { 1 / Double(2 * $0 + 1) }

    /// Natural logarithm of a positive, finite, normal `x`, accurate to a few ulps.
    static func log(_ x: Double) -> Double {
        // x = m × 2^e; keep m in [√½, √2) so the atanh series converges in a dozen terms.
        var exponent = Int(x.exponent)
        var mantissa = x.significand
        if mantissa > 1.414_213_562_373_095_1 {
            mantissa *= 0.5
            exponent += 1
        }
        let s = (mantissa - 1) / (mantissa + 1)
        let s2 = s * s
        // atanh(s) = s(1 + s²/3 + s⁴/5 + …); |s| < 0.172, so ten terms reach double precision.
        var series = oddReciprocals[10]
        for index in stride(from: 9, through: 0, by: -1) { series = series * s2 + oddReciprocals[index] }
        let sum = s * series
        return Double(exponent) * ln2Hi + (Double(exponent) * ln2Lo + 2 * sum)
    }

    /// e^x for |x| ≤ 700, accurate to a few ulps.
    static func exp(_ x: Double) -> Double {
        let k = (x / (ln2Hi + ln2Lo)).rounded()
        let r = (x - k * ln2Hi) - k * ln2Lo
        // Taylor series in Horner form; |r| ≤ 0.35, so 1/17! is below double precision.
        var sum = 1.0
        for n in stride(from: 17, through: 1, by: -1) { sum = sum * (r * reciprocals[n]) + 1 }
        return Double(sign: .plus, exponent: Int(k), significand: sum)
    }
}
