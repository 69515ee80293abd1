/// Quoted-printable (RFC 2045 §6.7) for mostly-ASCII bodies, lines at most 76 characters.
///
/// ```swift
/// QuotedPrintable.encode("Zoë = ok")   // "Zo=C3=AB =3D ok"
/// ```
///
/// Bodies are kilobytes and every email has two, so the encoder writes through a pointer into space sized
/// by ``maximumEncodedCount(_:_:)``: runs of plain bytes are found and copied eight at a time, and only
/// the bytes that need a decision (line ends, soft breaks, `=`, UTF-8, white space at a line end) go one
/// by one.
enum QuotedPrintable {
    /// Encodes `text`; `\n` and `\r\n` both become hard CRLF breaks.
    static func encode(_ text: String) -> String {
        var output: [UInt8] = []
        encode(Array(text.utf8), into: &output)
        return String(decoding: output, as: UTF8.self)
    }

    static func encode(_ bytes: [UInt8], into output: inout [UInt8]) {
        bytes.withUnsafeBufferPointer { encode($0, into: &output) }
    }

    static func encode(_ bytes: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) {
        let capacity = maximumEncodedCount(bytes.count, ByteScan.count(bytes))
        let encoded = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
            count = encode(bytes, to: buffer.baseAddress!, limit: buffer.count)
        }
        output.append(contentsOf: encoded)
    }

    /// An upper bound on what ``encode(_:to:)`` writes for `count` bytes with these counts, close enough
    /// to allocate once.
    static func maximumEncodedCount(_ count: Int, _ counts: ByteScan.Counts) -> Int {
        // A byte that is not plain takes at most three. A space takes three only before a line end (LF or
        // CR LF: bytes that are not plain and write two between them) or the end of the body, so each byte
        // that is not plain is given four more and the end two. Soft breaks end lines of 73 or more.
        let longest = count + 4 * counts.notPlain + 2
        // Sixteen more: runs are stored a word at a time, and the encoder checks for a whole step's
        // worst case (eleven bytes) before each step.
        return longest + 3 * (longest / 73 + 1) + 16
    }

    /// Writes the encoding of `bytes` at `out`, which has room for `limit` bytes, at least
    /// ``maximumEncodedCount(_:_:)``; returns how many bytes it wrote. Stops the process rather than
    /// write past `limit`.
    static func encode(
        _ bytes: UnsafeBufferPointer<UInt8>,
        to out: UnsafeMutablePointer<UInt8>,
        limit: Int
    ) -> Int {
        var cursor = Cursor()
        encode(bytes, until: bytes.count, cursor: &cursor, to: out, limit: limit)
        return cursor.written
    }

    /// Where an encoding stands: the next source byte, the bytes written and the output column.
    struct Cursor {
        var index = 0
        var written = 0
        var column = 0
    }

    /// Encodes `bytes` from `cursor.index` up to `stop`, looking past `stop` only to see whether a line
    /// ends there. Stopping right after a line feed leaves column 0, where the output no longer depends on
    /// anything before: that is what lets ``encode(_:layout:to:limit:)`` copy encodings made in advance.
    static func encode(
        _ bytes: UnsafeBufferPointer<UInt8>,
        until stop: Int,
        cursor: inout Cursor,
        to out: UnsafeMutablePointer<UInt8>,
        limit: Int
    ) {
        guard let source = bytes.baseAddress else { return }
        let raw = UnsafeRawPointer(source)
        let count = bytes.count
        var written = cursor.written
        var column = cursor.column
        var index = cursor.index
        defer { cursor = Cursor(index: index, written: written, column: column) }
        while index < stop {
            // A step writes at most eleven bytes: a stored word, or a soft break and "=XX".
            precondition(written + 11 <= limit, "quoted-printable output past its bound")
            // UTF-8 and `=` are escaped one after another without looking at a word that would have no
            // plain run: Chinese values are all escapes. Exactly ``encodeByte``'s second case.
            let first = source[index]
            if first >= 0x80 || first == 0x3D, column <= 72 {
                writeEscape(first, to: out + written)
                written += 3
                column += 3
                index += 1
                continue
            }
            // The plain bytes among the next eight that fit on the line, stored as one word. A space or tab
            // ending the run may end a line, so it waits for the byte path.
            if column < 75, index + 8 <= count {
                let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                var run = min(ByteScan.notPlainMask(word).trailingZeroBitCount >> 3, 75 - column, stop - index)
                // The run's last byte is taken from the word already loaded rather than read again.
                if run > 0, UInt8(truncatingIfNeeded: word >> UInt64((run - 1) << 3)) == 0x20,
                    isLineEnd(source, at: index + run, count: count)
                {
                    run -= 1
                }
                if run > 0 {
                    // All eight are stored; the ones past the run are overwritten next.
                    UnsafeMutableRawPointer(out + written).storeBytes(of: word, as: UInt64.self)
                    written += run
                    column += run
                    index += run
                    continue
                }
            }
            let byte = source[index]
            index += 1
            encodeByte(byte, before: index, in: source, count: count, to: out, written: &written, column: &column)
        }
    }

    /// One byte the word path left: printable ASCII past the run, `=XX` escapes, line ends, soft breaks,
    /// and white space that is written `=20`/`=09` before a line end. `next` is the index after `byte`.
    @inline(__always) private static func encodeByte(
        _ byte: UInt8,
        before next: Int,
        in source: UnsafePointer<UInt8>,
        count: Int,
        to out: UnsafeMutablePointer<UInt8>,
        written: inout Int,
        column: inout Int
    ) {
        if byte &- 33 < 94, byte != 0x3D, column < 75 {
            out[written] = byte
            written += 1
            column += 1
            return
        }
        // UTF-8 and `=` (every link's query has some): "=XX" needs no look at what follows while three
        // more columns fit.
        if byte >= 0x80 || byte == 0x3D, column <= 72 {
            writeEscape(byte, to: out + written)
            written += 3
            column += 3
            return
        }
        if byte == 0x0D, next < count, source[next] == 0x0A { return }
        if byte == 0x0A {
            out[written] = 0x0D
            out[written + 1] = 0x0A
            written += 2
            column = 0
            return
        }
        let atLineEnd = isLineEnd(source, at: next, count: count)
        let literal = (byte &- 33 < 94 && byte != 0x3D) || ((byte == 0x20 || byte == 0x09) && !atLineEnd)
        let width = literal ? 1 : 3
        // Leave room for the soft break "=" unless this is the last character of the line.
        if column + width > (atLineEnd ? 76 : 75) {
            out[written] = 0x3D
            out[written + 1] = 0x0D
            out[written + 2] = 0x0A
            written += 3
            column = 0
        }
        if literal {
            out[written] = byte
        } else {
            writeEscape(byte, to: out + written)
        }
        written += width
        column += width
    }

    /// `=XX` with upper-case hex digits, stored as one 32-bit word: the fourth byte is overwritten by
    /// what follows (every step has room for eleven). The digits are made in two lanes, 7 added to
    /// each nibble of 10 or more to reach `A`, instead of two table loads and three stores.
    @inline(__always) private static func writeEscape(_ byte: UInt8, to out: UnsafeMutablePointer<UInt8>) {
        let nibbles = UInt32(byte >> 4) | UInt32(byte & 0x0F) << 8
        let letters = (nibbles &+ 0x0606) >> 4 & 0x0101
        let digits = nibbles &+ 0x3030 &+ letters &* 7
        UnsafeMutableRawPointer(out).storeBytes(of: (0x3D | digits << 8).littleEndian, as: UInt32.self)
    }

    /// Whether a hard line break or the end is at `index`. A lone CR is not one: it is written `=0D`, so
    /// the character before it still needs room for a soft break.
    @inline(__always) private static func isLineEnd(_ source: UnsafePointer<UInt8>, at index: Int, count: Int) -> Bool {
        index == count || source[index] == 0x0A
            || (source[index] == 0x0D && index + 1 < count && source[index + 1] == 0x0A)
    }

}
