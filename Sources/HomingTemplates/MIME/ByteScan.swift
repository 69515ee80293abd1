import HomingCore

/// Eight-bytes-at-a-time tests over body bytes, for choosing and sizing a body's transfer encoding.
///
/// ```swift
/// let counts = ByteScan.count(bytes)   // one pass over a 3 KB body
/// counts.nonASCII * 3 > bytes.count    // base64 rather than quoted-printable
/// ```
///
/// The lane tests are ``ByteLanes``'; they may flag a lane next to a true match, never miss one, so
/// masks are safe to skip work on, and counts are exact only where they say so.
enum ByteScan {
    /// Lanes quoted-printable cannot copy as they are: below space, DEL, `=`, and every non-ASCII byte.
    @inline(__always) static func notPlainMask(_ word: UInt64) -> UInt64 {
        ByteLanes.belowMask(word, 0x20) | ByteLanes.equalMask(word, 0x7F) | ByteLanes.equalMask(word, 0x3D)
            | (word & ByteLanes.highs)
    }

    struct Counts {
        /// Exactly the bytes with the high bit set.
        var nonASCII = 0
        /// At least the bytes ``notPlainMask(_:)`` describes, CR and LF among them.
        var notPlain = 0
    }

    static func count(_ bytes: UnsafeBufferPointer<UInt8>) -> Counts {
        var counts = Counts()
        guard let base = bytes.baseAddress else { return counts }
        let raw = UnsafeRawPointer(base)
        var index = 0
        while index + 8 <= bytes.count {
            // One counter per lane, summed across lanes before any can pass 255 (no popcount instruction
            // is assumed on x86-64).
            var high: UInt64 = 0
            var notPlain: UInt64 = 0
            var words = 0
            while words < 255, index + 8 <= bytes.count {
                let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                high &+= (word >> 7) & ByteLanes.ones
                notPlain &+= (notPlainMask(word) >> 7)
                index += 8
                words += 1
            }
            counts.nonASCII += sumOfLanes(high)
            counts.notPlain += sumOfLanes(notPlain)
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte >= 0x80 { counts.nonASCII += 1 }
            if byte < 0x20 || byte == 0x7F || byte == 0x3D || byte >= 0x80 { counts.notPlain += 1 }
            index += 1
        }
        return counts
    }

    /// The bytes with the high bit set, for values of a few dozen bytes: a word at a time, then the rest.
    @inline(__always) static func nonASCIICount(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        let raw = UnsafeRawPointer(base)
        var total = 0
        var index = 0
        while index + 8 <= bytes.count {
            // Lanes of 0 or 1 summed by one multiply into the top lane (x86-64 has no popcount by default).
            let lanes = (raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) >> 7) & ByteLanes.ones
            total &+= Int((lanes &* ByteLanes.ones) >> 56)
            index += 8
        }
        while index < bytes.count {
            total &+= Int(base[index] >> 7)
            index += 1
        }
        return total
    }

    /// Whether `bytes` holds a CR or LF: a word at a time, and a flagged word checked byte by byte, since a
    /// mask may flag a lane next to a match.
    static func containsLineBreak(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        let raw = UnsafeRawPointer(base)
        var index = 0
        while index + 8 <= bytes.count {
            let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            if ByteLanes.equalMask(word, 0x0A) | ByteLanes.equalMask(word, 0x0D) != 0 { break }
            index += 8
        }
        while index < bytes.count {
            if base[index] == 0x0A || base[index] == 0x0D { return true }
            index += 1
        }
        return false
    }

    /// Whether every byte of `text` is in a set of ASCII bytes given as two 64-bit masks (bit `b` of
    /// `masks.0` for `b` below 64, bit `b - 64` of `masks.1` above); non-ASCII bytes never are. Reads the
    /// bytes where they are stored: `utf8.allSatisfy` steps a `String.UTF8View` index per byte.
    static func allBytes(of text: String, in masks: (UInt64, UInt64)) -> Bool {
        @inline(__always) func isMember(_ byte: UInt8) -> Bool {
            byte < 64 ? masks.0 >> byte & 1 == 1 : byte < 128 && masks.1 >> (byte - 64) & 1 == 1
        }
        if let result = text.utf8.withContiguousStorageIfAvailable({ bytes in
            for byte in bytes where !isMember(byte) { return false }
            return true
        }) {
            return result
        }
        return text.utf8.allSatisfy(isMember)
    }

    @inline(__always) private static func sumOfLanes(_ lanes: UInt64) -> Int {
        let pairs = (lanes & 0x00FF_00FF_00FF_00FF) &+ ((lanes >> 8) & 0x00FF_00FF_00FF_00FF)
        return Int((pairs &* 0x0001_0001_0001_0001) >> 48)
    }
}
