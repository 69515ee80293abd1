/// A skeleton's literals measured, and each one quoted-printable encoded once per skeleton.
///
/// ```swift
/// let literals = EncodedLiterals(text: Array("</p>\n<p>Hi ".utf8), literalEnds: [12])
/// literals.runs[0].firstLineWidth   // 4: "</p>" fits after a value that leaves up to 71 columns
/// ```
///
/// The encoder's only state is the output column, and it looks at most two bytes ahead. So a literal's
/// text up to its last two bytes encodes the same in every message, provided its first line needs no
/// soft break where the preceding value left the column; after a line feed every line starts at column
/// 0. Bodies are mostly literal text, so MIME assembly copies these runs and encodes only the values and
/// the last bytes of each literal (``QuotedPrintable/encode(_:layout:to:limit:)``).
struct EncodedLiterals: Sendable {
    /// One literal's first `count` bytes encoded from column 0: where the encoding sits in ``encoded``.
    struct Run: Sendable {
        let literal: Int
        let count: Int
        /// The literal's whole length: the run holds only if all of it is in the body unchanged.
        let literalCount: Int
        /// A body's trailing newline is trimmed and added back: a literal ending in one still matches.
        let endsWithLineFeed: Bool
        let encodedStart: Int
        let encodedEnd: Int
        /// The encoded width of the first line (before its line feed), or `Int.max` when it needed a soft
        /// break from column 0: then only a body that reaches the run at column 0 can copy it whole.
        let firstLineWidth: Int
        /// Just after the first line feed in the literal and in ``encoded``, or nil when there is none:
        /// a first line that does not fit is encoded in place and the rest still copied.
        let rest: (offset: Int, encodedStart: Int)?
        /// The output column after the run when it began at column 0.
        let column: Int
    }

    /// Byte counts of all literals together, for choosing and sizing the transfer encoding.
    let counts: ByteScan.Counts
    let runs: [Run]
    let encoded: [UInt8]

    /// Shorter runs are left to the encoder: copying them saves less than the bookkeeping costs.
    static let minimumCount = 8

    init(text: [UInt8], literalEnds: [Int]) {
        var runs: [Run] = []
        var encoded: [UInt8] = []
        counts = text.withUnsafeBufferPointer { ByteScan.count($0) }
        text.withUnsafeBufferPointer { text in
            var literalStart = 0
            for (literal, literalEnd) in literalEnds.enumerated() {
                defer { literalStart = literalEnd }
                let bytes = UnsafeBufferPointer(rebasing: text[literalStart..<literalEnd])
                // The encoder looks two bytes ahead; those belong to the next value's context.
                let end = bytes.count - 2
                guard end >= Self.minimumCount else { continue }
                let bound = QuotedPrintable.maximumEncodedCount(bytes.count, ByteScan.count(bytes))
                var cursor = QuotedPrintable.Cursor()
                let run = [UInt8](unsafeUninitializedCapacity: bound) { buffer, count in
                    QuotedPrintable.encode(bytes, until: end, cursor: &cursor, to: buffer.baseAddress!, limit: bound)
                    count = cursor.written
                }
                let rest = bytes[..<end].firstIndex(of: 0x0A).map { feed in
                    (offset: feed + 1, encodedStart: encoded.count + Self.firstHardBreakEnd(run))
                }
                runs.append(
                    Run(
                        literal: literal,
                        count: end,
                        literalCount: bytes.count,
                        endsWithLineFeed: bytes.last == 0x0A,
                        encodedStart: encoded.count,
                        encodedEnd: encoded.count + run.count,
                        firstLineWidth: Self.firstLineWidth(run),
                        rest: rest,
                        column: cursor.column
                    )
                )
                encoded += run
            }
        }
        self.runs = runs
        self.encoded = encoded
    }

    /// Just after the encoding's first CRLF that is not a soft break: where the second line starts.
    private static func firstHardBreakEnd(_ encoded: [UInt8]) -> Int {
        var index = 0
        while index + 1 < encoded.count {
            if encoded[index] == 0x0D, encoded[index + 1] == 0x0A, index == 0 || encoded[index - 1] != 0x3D {
                return index + 2
            }
            index += 1
        }
        preconditionFailure("a run with a line feed has a hard line break")
    }

    /// The bytes before the encoding's first CRLF, or `Int.max` when that CRLF is a soft break (`=`
    /// CRLF: an escape is `=` and two hex digits, so `=` before CR is only ever a soft break).
    private static func firstLineWidth(_ encoded: [UInt8]) -> Int {
        var index = 0
        while index + 1 < encoded.count {
            if encoded[index] == 0x0D, encoded[index + 1] == 0x0A {
                return index > 0 && encoded[index - 1] == 0x3D ? Int.max : index
            }
            index += 1
        }
        return encoded.count
    }
}

/// Where a finished email body's literal text came from, so MIME assembly can reuse ``EncodedLiterals``.
///
/// ```swift
/// let layout = BodyLayout(skeleton: skeleton, literalStarts: [0, 41], front: 0, keptEnd: 3_120,
///                         valueBytes: 96, valueNonASCII: 0)
/// QuotedPrintable.encode(body, layout: layout, to: out, limit: limit)
/// ```
///
/// The body is the skeleton fill with its ends trimmed and a newline added: literal starts move back by
/// what was trimmed in front, and only bytes before `keptEnd` are the fill's own.
struct BodyLayout: Sendable {
    let skeleton: TemplateSkeleton
    /// Where each literal begins in the fill, before `front` bytes were trimmed off.
    let literalStarts: [Int]
    let front: Int
    let keptEnd: Int
    /// The bytes the values took: the body's non-ASCII bytes are the literals' plus at most these.
    let valueBytes: Int
    /// The values' non-ASCII bytes, counted while filling.
    let valueNonASCII: Int

    /// The body's non-ASCII bytes exactly, with no scan: trimming only ever removes ASCII, so they are the
    /// literals' and the values'.
    var nonASCIICount: Int { skeleton.literals.counts.nonASCII + valueNonASCII }

    /// At least the bytes ``ByteScan/count(_:)`` would count as not plain: the literals', every value
    /// byte, and the newline a body gains.
    var notPlainBound: Int { skeleton.literals.counts.notPlain + valueBytes + 1 }
}
