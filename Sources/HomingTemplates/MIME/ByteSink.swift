/// Where header writers put their bytes: a growing `[UInt8]`, or a ``ByteWriter`` into a message
/// allocated once.
///
/// ```swift
/// var out: [UInt8] = []
/// EncodedWord.append(Array("最後機會".utf8)[...], to: &out)   // same bytes as into a ByteWriter
/// ```
///
/// Header writers are generic over this so that a message's headers are written straight into the
/// message, sized by a bound, while `headerValue` and tests keep using arrays.
protocol ByteSink {
    mutating func append(_ byte: UInt8)
    mutating func appendUTF8(_ text: StaticString)
    mutating func appendUTF8(_ text: String)
    mutating func appendBytes(_ bytes: UnsafeBufferPointer<UInt8>)
    /// Base64 of `bytes` without line breaks (``MIMEBase64``).
    mutating func appendBase64(_ bytes: UnsafeBufferPointer<UInt8>)
}

extension [UInt8]: ByteSink {
    mutating func appendBytes(_ bytes: UnsafeBufferPointer<UInt8>) {
        append(contentsOf: bytes)
    }

    mutating func appendBase64(_ bytes: UnsafeBufferPointer<UInt8>) {
        MIMEBase64.append(bytes, to: &self)
    }
}

extension ByteWriter: ByteSink {
    mutating func append(_ byte: UInt8) {
        precondition(remaining > 0, "ByteWriter: a byte does not fit")
        base[count] = byte
        count += 1
    }

    mutating func appendUTF8(_ text: StaticString) {
        append(text)
    }

    mutating func appendUTF8(_ text: String) {
        append(text)
    }

    mutating func appendBytes(_ bytes: UnsafeBufferPointer<UInt8>) {
        append(bytes)
    }

    mutating func appendBase64(_ bytes: UnsafeBufferPointer<UInt8>) {
        advance(by: MIMEBase64.encode(bytes, lineLength: nil, to: next, limit: remaining))
    }
}
