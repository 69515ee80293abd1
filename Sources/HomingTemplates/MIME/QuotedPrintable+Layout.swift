extension QuotedPrintable {
    /// The same bytes as ``encode(_:to:limit:)``, with most of the skeleton's literal text copied from
    /// its encoding made in advance (``EncodedLiterals``) instead of encoded again.
    ///
    /// ```swift
    /// let written = QuotedPrintable.encode(body, layout: layout, to: out.next, limit: out.remaining)
    /// ```
    ///
    /// A run is copied only when its whole literal is in the body unchanged and its first line fits after
    /// the column the encoder reached without a soft break (or that column is 0): then its output cannot
    /// depend on anything else. Otherwise it is encoded like any other text.
    static func encode(
        _ bytes: UnsafeBufferPointer<UInt8>,
        layout: BodyLayout,
        to out: UnsafeMutablePointer<UInt8>,
        limit: Int
    ) -> Int {
        var cursor = Cursor()
        let literals = layout.skeleton.literals
        literals.encoded.withUnsafeBufferPointer { encoded in
            for run in literals.runs {
                let start = layout.literalStarts[run.literal]
                guard start >= cursor.index, start >= 0, start + run.literalCount <= layout.keptEnd else { continue }
                encode(bytes, until: start, cursor: &cursor, to: out, limit: limit)
                let column = cursor.column
                // Where the first line fits (75 leaves room for a soft break's `=`), nothing breaks it.
                guard cursor.index == start, column == 0 || run.firstLineWidth <= 75 - column else { continue }
                let length = run.encodedEnd - run.encodedStart
                precondition(cursor.written + length + 11 <= limit, "quoted-printable output past its bound")
                (out + cursor.written).update(from: encoded.baseAddress! + run.encodedStart, count: length)
                cursor.written += length
                cursor.index = start + run.count
                cursor.column = run.endsALine ? run.column : column + run.column
            }
        }
        encode(bytes, until: bytes.count, cursor: &cursor, to: out, limit: limit)
        return cursor.written
    }
}
