extension QuotedPrintable {
    /// The same bytes as ``encode(_:to:limit:)``, with most of the skeleton's literal text copied from
    /// its encoding made in advance (``EncodedLiterals``) instead of encoded again.
    ///
    /// ```swift
    /// let written = QuotedPrintable.encode(body, layout: layout, to: out.next, limit: out.remaining)
    /// ```
    ///
    /// A run is copied only when its whole literal is in the body unchanged, and from its start only when
    /// its first line fits after the column the encoder reached without a soft break (or that column is
    /// 0): then its output cannot depend on anything else. Otherwise its first line is encoded like any
    /// other text and the rest copied.
    static func encode(
        _ bytes: UnsafeBufferPointer<UInt8>,
        layout: BodyLayout,
        to out: UnsafeMutablePointer<UInt8>,
        limit: Int
    ) -> Int {
        var copied = 0
        return encode(bytes, layout: layout, to: out, limit: limit, copied: &copied)
    }

    /// ``encode(_:layout:to:limit:)``, counting the body bytes whose encoding was copied.
    static func encode(
        _ bytes: UnsafeBufferPointer<UInt8>,
        layout: BodyLayout,
        to out: UnsafeMutablePointer<UInt8>,
        limit: Int,
        copied: inout Int
    ) -> Int {
        var cursor = Cursor()
        let literals = layout.skeleton.literals
        literals.encoded.withUnsafeBufferPointer { encoded in
            for run in literals.runs {
                let start = layout.literalStarts[run.literal] - layout.front
                guard start >= cursor.index, start >= 0, run.holds(at: start, keptEnd: layout.keptEnd) else { continue }
                encode(bytes, until: start, cursor: &cursor, to: out, limit: limit)
                guard cursor.index == start else { continue }
                var from = (source: 0, encoded: run.encodedStart)
                // Where the first line fits (75 leaves room for a soft break's `=`), nothing breaks it;
                // otherwise it is encoded here, and the lines after it, which start at column 0, copied.
                if cursor.column > 0, run.firstLineWidth > 75 - cursor.column {
                    guard let rest = run.rest else { continue }
                    encode(bytes, until: start + rest.offset, cursor: &cursor, to: out, limit: limit)
                    guard cursor.index == start + rest.offset, cursor.column == 0 else { continue }
                    from = (rest.offset, rest.encodedStart)
                }
                let length = run.encodedEnd - from.encoded
                precondition(cursor.written + length + 11 <= limit, "quoted-printable output past its bound")
                (out + cursor.written).update(from: encoded.baseAddress! + from.encoded, count: length)
                cursor.written += length
                cursor.index = start + run.count
                cursor.column = run.rest == nil ? cursor.column + run.column : run.column
                copied += run.count - from.source
            }
        }
        encode(bytes, until: bytes.count, cursor: &cursor, to: out, limit: limit)
        return cursor.written
    }
}

extension EncodedLiterals.Run {
    /// Whether the body holds the whole literal unchanged from `start`: before `keptEnd`, or ending where
    /// the body's trimmed newline was added back.
    @inline(__always) func holds(at start: Int, keptEnd: Int) -> Bool {
        start + literalCount <= keptEnd || (endsWithLineFeed && start + literalCount == keptEnd + 1)
    }
}
