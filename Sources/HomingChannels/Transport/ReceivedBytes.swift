/// Bytes a libcurl callback appends on the transfer loop's thread, read by the caller once the
/// transfer is over, in storage that stays with its easy handle from one transfer to the next.
///
/// ```swift
/// let headers = ReceivedBytes()
/// headers.append(data, count: count)              // in CURLOPT_HEADERFUNCTION, loop thread
/// headers.withBytes { Transfer.parseHeaders($0) }  // caller, after the transfer
/// headers.removeAll()                              // before the handle's next transfer
/// ```
///
/// Why not an `[UInt8]` per transfer: the loop thread bounds the transport's throughput, and a
/// fresh array costs it an allocation, a free and uniqueness and exclusivity checks per callback.
/// Here a response's header lines are one `memcpy` each once the storage has grown to fit them.
/// The owner's hand-over rules apply: the loop thread appends while the transfer runs, the caller
/// reads and clears after it; never both at once, so no lock.
final class ReceivedBytes: @unchecked Sendable {
    /// What the storage shrinks back to after an unusually large response.
    static let initialCapacity = 512
    private static let keptCapacity = 16 * 1024

    @exclusivity(unchecked) private var storage: UnsafeMutableRawPointer
    @exclusivity(unchecked) private var capacity: Int
    @exclusivity(unchecked) private(set) var count = 0

    init() {
        capacity = Self.initialCapacity
        storage = .allocate(byteCount: capacity, alignment: 1)
    }

    deinit { storage.deallocate() }

    func append(_ bytes: UnsafeRawPointer, count added: Int) {
        if count + added > capacity { grow(toFit: count + added) }
        (storage + count).copyMemory(from: bytes, byteCount: added)
        count += added
    }

    /// Forgets the bytes; storage grown past 16 KiB by one large response is given back.
    func removeAll() {
        count = 0
        guard capacity > Self.keptCapacity else { return }
        storage.deallocate()
        capacity = Self.initialCapacity
        storage = .allocate(byteCount: capacity, alignment: 1)
    }

    func withBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try body(UnsafeRawBufferPointer(start: storage, count: count))
    }

    private func grow(toFit needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let grown = UnsafeMutableRawPointer.allocate(byteCount: newCapacity, alignment: 1)
        grown.copyMemory(from: storage, byteCount: count)
        storage.deallocate()
        storage = grown
        capacity = newCapacity
    }
}
