/// Tests on eight bytes at once, one 64-bit word read unaligned: each sets the high bit of every
/// byte lane it matches.
///
/// ```swift
/// let word = pointer.loadUnaligned(as: UInt64.self)
/// if ByteLanes.equalMask(word, UInt8(ascii: "\"")) | ByteLanes.belowMask(word, 0x20) == 0 {
///     // none of the eight bytes is a quote or a control character: copy them whole
/// }
/// ```
///
/// A borrow between lanes can also flag the lane next to a true match, never miss one: a zero
/// mask is exact, a non-zero one says where to look byte by byte.
public enum ByteLanes {
    /// 0x01 in every lane.
    @inlinable public static var ones: UInt64 { 0x0101_0101_0101_0101 }
    /// 0x80 in every lane.
    @inlinable public static var highs: UInt64 { 0x8080_8080_8080_8080 }

    /// Lanes equal to `byte`.
    @inlinable @inline(__always)
    public static func equalMask(_ word: UInt64, _ byte: UInt8) -> UInt64 {
        let value = word ^ (ones &* UInt64(byte))
        return (value &- ones) & ~value & highs
    }

    /// ASCII lanes below `bound` (at most 0x80): subtracting `bound` borrows into their high bit,
    /// and lanes whose own high bit is set (non-ASCII) are left out.
    @inlinable @inline(__always)
    public static func belowMask(_ word: UInt64, _ bound: UInt8) -> UInt64 {
        (word &- ones &* UInt64(bound)) & ~word & highs
    }
}
