/// Appends through a pointer into memory the caller sized in advance, checking every write against
/// that size: the sizes are computed bounds, and a wrong one must stop the process, never write past
/// the allocation.
///
/// ```swift
/// let bytes = [UInt8](unsafeUninitializedCapacity: 64) { buffer, count in
///     var out = ByteWriter(buffer.baseAddress!, capacity: buffer.count)
///     out.append("MIME-Version: 1.0\r\n")
///     count = out.count
/// }
/// ```
struct ByteWriter {
    let base: UnsafeMutablePointer<UInt8>
    let capacity: Int
    var count = 0

    init(_ base: UnsafeMutablePointer<UInt8>, capacity: Int) {
        self.base = base
        self.capacity = capacity
    }

    /// Room left after ``count``; encoders that write in place take it as their limit.
    var remaining: Int { capacity - count }

    /// Where the next byte goes, for encoders that write in place within ``remaining`` and report
    /// their length; ``advance(by:)`` then counts it.
    var next: UnsafeMutablePointer<UInt8> { base + count }

    mutating func advance(by written: Int) {
        precondition(written >= 0 && written <= remaining, "ByteWriter: an encoder wrote past its bound")
        count += written
    }

    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress else { return }
        precondition(bytes.count <= remaining, "ByteWriter: \(bytes.count) bytes do not fit in \(remaining)")
        (base + count).update(from: source, count: bytes.count)
        count += bytes.count
    }

    mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { append($0) }
    }

    mutating func append(_ text: StaticString) {
        append(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    mutating func append(_ text: String) {
        // Read where it is stored: `withUTF8` needs a mutable copy, a retain and a release per header
        // value; only a bridged string, which has no contiguous UTF-8, takes that way.
        if text.utf8.withContiguousStorageIfAvailable({ append($0) }) != nil { return }
        var text = text
        text.withUTF8 { append($0) }
    }
}
