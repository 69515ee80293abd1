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
