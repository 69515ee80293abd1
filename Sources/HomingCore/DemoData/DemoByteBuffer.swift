/// A growable byte buffer for the hot loop: plain pointer writes, one capacity check per append.
///
/// ```swift
/// let buffer = DemoByteBuffer(capacity: 1 << 20)
/// buffer.append("o")
/// buffer.appendDigits(42, width: 8)          // "o00000042"
/// buffer.appendISO8601(1_741_180_930, offset: 3_600)   // "2025-03-05T14:22:10+01:00"
/// let chunk = buffer.bytes                    // copy out, then `removeAll()` and reuse
/// ```
///
/// `[UInt8].append` costs a uniqueness and a capacity check per byte and is not always inlined; at
/// two billion bytes per benchmark run that was most of the generation time.
final class DemoByteBuffer {
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int) {
        self.capacity = max(capacity, 64)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// A copy of the bytes written so far.
    var bytes: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }

    func removeAll() { count = 0 }

    @inline(__always)
    private func reserve(_ extra: Int) {
        if count + extra > capacity { grow(to: count + extra) }
    }

    private func grow(to needed: Int) {
        let newCapacity = max(needed, capacity * 2)
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.update(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    @inline(__always)
    func append(_ byte: UInt8) {
        reserve(1)
        base[count] = byte
        count += 1
    }

    func append(_ bytes: [UInt8]) {
        reserve(bytes.count)
        bytes.withUnsafeBufferPointer { source in
            (base + count).update(from: source.baseAddress!, count: source.count)
        }
        count += bytes.count
    }

    /// Appends a literal without touching reference counts (the hot loop's separators and JSON keys).
    func appendLiteral(_ literal: StaticString) {
        reserve(literal.utf8CodeUnitCount)
        (base + count).update(from: literal.utf8Start, count: literal.utf8CodeUnitCount)
        count += literal.utf8CodeUnitCount
    }

    /// Appends a string's UTF-8.
    func append(_ text: String) {
        var text = text
        text.withUTF8 { source in
            reserve(source.count)
            (base + count).update(from: source.baseAddress!, count: source.count)
            count += source.count
        }
    }

    /// Appends a non-negative integer, zero-padded to at least `width` digits.
    func appendDigits(_ value: Int, width: Int = 1) {
        var digitCount = 1
        var probe = value / 10
        while probe > 0 {
            digitCount += 1
            probe /= 10
        }
        let total = max(width, digitCount)
        reserve(total)
        var index = count + total
        var rest = value
        for _ in 0..<total {
            index -= 1
            base[index] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10)
            rest /= 10
        }
        count += total
    }

    /// Appends `value` in 0...99 as exactly two digits; dates and cents are mostly this.
    @inline(__always)
    func appendTwoDigits(_ value: Int) {
        reserve(2)
        base[count] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: value / 10)
        base[count + 1] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: value % 10)
        count += 2
    }

    /// Appends `seconds` as local time at `offset` seconds east of UTC: `…T14:22:10+01:00`, or `…Z` when nil.
    func appendISO8601(_ seconds: Int64, offset: Int?) {
        let local = seconds + Int64(offset ?? 0)
        let days = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        let secondOfDay = Int(local - days * 86_400)
        let date = DemoClock.civilFromDays(Int(days))
        if (0...9_999).contains(date.year) {
            appendTwoDigits(date.year / 100)
            appendTwoDigits(date.year % 100)
        } else {
            appendDigits(date.year, width: 4)
        }
        append(UInt8(ascii: "-"))
        appendTwoDigits(date.month)
        append(UInt8(ascii: "-"))
        appendTwoDigits(date.day)
        append(UInt8(ascii: "T"))
        appendTwoDigits(secondOfDay / 3600)
        append(UInt8(ascii: ":"))
        appendTwoDigits(secondOfDay / 60 % 60)
        append(UInt8(ascii: ":"))
        appendTwoDigits(secondOfDay % 60)
        guard let offset else {
            append(UInt8(ascii: "Z"))
            return
        }
        append(offset < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
        appendTwoDigits(abs(offset) / 3600)
        append(UInt8(ascii: ":"))
        appendTwoDigits(abs(offset) / 60 % 60)
    }

    /// `1234` → `12.34`; every demo currency has two decimals.
    func appendCents(_ cents: Int) {
        appendDigits(cents / 100)
        append(UInt8(ascii: "."))
        appendTwoDigits(cents % 100)
    }
}
