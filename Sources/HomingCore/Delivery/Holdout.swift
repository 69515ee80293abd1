/// The control group: a deterministic share of a journey's entrants who receive nothing.
///
/// ```swift
/// Holdout.isControl(journeyID: "win-back", customerID: "c1042", share: 0.1)   // same answer on every run
/// ```
///
/// The choice hashes the UTF-8 of `journey NUL customer` with 64-bit FNV-1a, then SplitMix64's
/// finaliser (so ids differing in one trailing character still land far apart), and compares its
/// top 53 bits, as a number in [0, 1), with `share`; raising the share only adds customers to the
/// control group. Swift's `Hasher` is seeded per process and would change the groups on every
/// run. Changing this function reshuffles every running journey's control group: do not.
public enum Holdout {
    public static func isControl(journeyID: String, customerID: String, share: Double) -> Bool {
        guard share > 0 else { return false }
        return unitValue(journeyID: journeyID, customerID: customerID) < share
    }

    /// The customer's fixed position in [0, 1) for this journey.
    public static func unitValue(journeyID: String, customerID: String) -> Double {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in journeyID.utf8 + [0] + customerID.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        hash = (hash ^ (hash >> 30)) &* 0xbf58_476d_1ce4_e5b9
        hash = (hash ^ (hash >> 27)) &* 0x94d0_49bb_1331_11eb
        hash ^= hash >> 31
        return Double(hash >> 11) / Double(UInt64(1) << 53)
    }
}
