import NIOCore

/// Splits the inbound byte stream into lines without their CRLF (a bare LF ends a line too).
///
/// ```swift
/// var lines = SMTPLineDecoder()
/// lines.append(bytesJustRead)
/// while let line = try lines.nextLine() { … }
/// ```
///
/// The ``SMTPHandler`` drives it directly rather than through NIO's `ByteToMessageHandler`: at
/// a dozen lines per message, passing each line through the pipeline cost more than splitting it.
/// A line longer than ``maximumLength`` is an error (the handler answers 500 and closes), so a
/// client that never sends a newline cannot make the sink buffer without bound.
struct SMTPLineDecoder {
    /// RFC 5321 allows 1000 octets; real mailers stay well under this generous limit.
    static let maximumLength = 64 * 1024

    struct LineTooLong: Error {}

    private var pending = Self.empty
    /// Stands in for a fully read buffer so that NIO's pool gets the read buffer back.
    private static let empty = ByteBuffer()

    /// Adds bytes read from the connection after whatever incomplete line is left.
    mutating func append(_ buffer: ByteBuffer) {
        guard pending.readableBytes > 0 else {
            pending = buffer
            return
        }
        var buffer = buffer
        pending.discardReadBytes()
        pending.writeBuffer(&buffer)
    }

    /// Lets go of the last read buffer once every byte of it was taken: NIO reuses a read
    /// buffer only when nothing else holds it, so keeping it would cost an allocation per read.
    mutating func releaseIfEmpty() {
        if pending.readableBytes == 0 { pending = Self.empty }
    }

    /// The next complete line, or nil until more bytes arrive; throws when an unfinished line
    /// already exceeds ``maximumLength``.
    mutating func nextLine() throws(LineTooLong) -> ByteBuffer? {
        let view = pending.readableBytesView
        guard let newline = view.firstIndex(of: UInt8(ascii: "\n")) else {
            if pending.readableBytes > Self.maximumLength { throw LineTooLong() }
            return nil
        }
        var line = pending.readSlice(length: newline - view.startIndex)!
        pending.moveReaderIndex(forwardBy: 1)
        if line.readableBytes > 0, line.getInteger(at: line.writerIndex - 1, as: UInt8.self) == UInt8(ascii: "\r") {
            line.moveWriterIndex(to: line.writerIndex - 1)
        }
        return line
    }
}
