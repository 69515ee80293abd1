extension [UInt8] {
    /// An array of at most `capacity` bytes, written in place by `body`, which returns how many it wrote.
    ///
    /// ```swift
    /// let bytes = [UInt8](writingUpTo: 16) { buffer in
    ///     buffer[0] = 0x3D
    ///     return 1
    /// }
    /// ```
    ///
    /// The same as `init(unsafeUninitializedCapacity:initializingWith:)`, which on Linux goes through the
    /// standard library's unspecialized `_allocateBufferUninitialized`: every call looks up the metadata of
    /// `_ContiguousArrayStorage<UInt8>` at run time, about 2.5% of a complete email (four fills and one
    /// message per email). `reserveCapacity` and `append(contentsOf:)` are specialized here and keep that
    /// metadata in a cache, so the bytes are written straight into the reserved storage through
    /// ``WrittenBytes``. `body` may write fewer bytes than `buffer.count`, never more.
    init(writingUpTo capacity: Int, _ body: (UnsafeMutableBufferPointer<UInt8>) -> Int) {
        self.init()
        reserveCapacity(capacity)
        withoutActuallyEscaping(body) { body in
            append(contentsOf: WrittenBytes(capacity: capacity, body: body))
        }
    }
}

/// A sequence whose elements `body` writes straight into the storage `Array.append(contentsOf:)` offers
/// (``Swift/Array/init(writingUpTo:_:)``).
///
/// ```swift
/// bytes.append(contentsOf: WrittenBytes(capacity: 8) { buffer in buffer[0] = 1; return 1 })
/// ```
///
/// Its underestimated count is 0, so appending never grows the array: the caller reserves `capacity`
/// first, and `body` sees at most that many bytes even when the allocation is larger.
struct WrittenBytes: Sequence {
    let capacity: Int
    let body: (UnsafeMutableBufferPointer<UInt8>) -> Int

    struct Iterator: IteratorProtocol {
        mutating func next() -> UInt8? { nil }
    }

    func makeIterator() -> Iterator { Iterator() }

    var underestimatedCount: Int { 0 }

    func _copyContents(initializing buffer: UnsafeMutableBufferPointer<UInt8>) -> (Iterator, Int) {
        precondition(buffer.count >= capacity, "WrittenBytes appended without reserving its capacity")
        let written = body(UnsafeMutableBufferPointer(rebasing: buffer[..<capacity]))
        precondition(written >= 0 && written <= capacity, "WrittenBytes wrote past its capacity")
        return (Iterator(), written)
    }
}
