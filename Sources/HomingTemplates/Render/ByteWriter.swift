/// Appends through a pointer into memory the caller sized in advance; nothing checks the end.
///
/// ```swift
/// let bytes = [UInt8](unsafeUninitializedCapacity: 64) { buffer, count in
///     var out = ByteWriter(buffer.baseAddress!)
///     out.append("MIME-Version: 1.0\r\n")
///     count = out.count
/// }
/// ```
struct ByteWriter {
    let base: UnsafeMutablePointer<UInt8>
    var count = 0

    init(_ base: UnsafeMutablePointer<UInt8>) { self.base = base }

    /// Where the next byte goes, for encoders that write in place and report their length.
    var next: UnsafeMutablePointer<UInt8> { base + count }

    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress else { return }
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
        var text = text
        text.withUTF8 { append($0) }
    }
}
