import HomingCore

/// A template rendered once for one shape of input, with holes where the values go.
///
/// ```swift
/// let skeleton = TemplateSkeleton(rendered: "Hi \u{E000}0\u{E001}!")!
/// skeleton.fill(["<b>Zoë</b>"], escapingHTML: true).bytes   // "Hi &lt;b&gt;Zoë&lt;/b&gt;!" in UTF-8
/// ```
///
/// swift-mustache does the rendering (sections, lists, partials, standalone lines); filling copies bytes
/// into one array allocated once, which is what makes a personalised email cost
/// microseconds. HTML escaping matches swift-mustache's (`& < > " '`), so a filled skeleton equals a direct
/// render; the one difference is stricter: swift-mustache compares whole characters and leaves `&`
/// carrying a combining mark as is.
///
/// A class, immutable, shared by every message of its shape: a filled email body keeps a reference to it so
/// that MIME assembly can copy the literals' quoted-printable encoding made here (``literals``).
final class TemplateSkeleton: Sendable {
    /// The literal text between the holes, end to end, in UTF-8.
    let text: [UInt8]
    /// Where each literal ends in `text`; `literalEnds.count == holes.count + 1`.
    let literalEnds: [Int]
    /// Index into the slot values for each hole.
    let holes: [Int]
    /// The literals' byte counts and their whole lines encoded in advance.
    let literals: EncodedLiterals
    /// ASCII white space at the start of the first literal and at the end of the last: trimming removes it
    /// from every fill, so fills leave it out instead of moving the whole body to cut it afterwards.
    let leadingSpace: Int
    let trailingSpace: Int

    /// Splits a placeholder rendering at its markers; nil when a marker is malformed.
    convenience init?(rendered: String) {
        var text: [UInt8] = []
        var literalEnds: [Int] = []
        var holes: [Int] = []
        var iterator = rendered.unicodeScalars.makeIterator()
        while let scalar = iterator.next() {
            if scalar == RenderSlots.markerEnd { return nil }
            guard scalar == RenderSlots.markerStart else {
                text.append(contentsOf: UTF8.encode(scalar)!)
                continue
            }
            var index = 0
            var digits = 0
            while let digit = iterator.next(), digit != RenderSlots.markerEnd {
                guard let value = digit.properties.numericType == .decimal ? Int(String(digit)) : nil else {
                    return nil
                }
                index = index * 10 + value
                digits += 1
            }
            guard digits > 0 else { return nil }
            literalEnds.append(text.count)
            holes.append(index)
        }
        literalEnds.append(text.count)
        self.init(text: text, literalEnds: literalEnds, holes: holes)
    }

    /// Literal text and the holes between its pieces: `literalEnds.count == holes.count + 1`.
    init(text: [UInt8], literalEnds: [Int], holes: [Int]) {
        precondition(literalEnds.count == holes.count + 1, "a skeleton has one literal more than holes")
        self.text = text
        self.literalEnds = literalEnds
        self.holes = holes
        literals = EncodedLiterals(text: text, literalEnds: literalEnds)
        var lead = 0
        while lead < literalEnds[0], text[lead].isASCIIWhiteSpace { lead += 1 }
        // Without holes the first literal is the last: what the front took is not taken again.
        let lastStart = holes.isEmpty ? lead : literalEnds[literalEnds.count - 2]
        var trail = 0
        while text.count - trail > lastStart, text[text.count - trail - 1].isASCIIWhiteSpace { trail += 1 }
        leadingSpace = lead
        trailingSpace = trail
    }

    /// Literals and values copied as bytes: both are valid UTF-8, and the cuts fall between scalars.
    ///
    /// Holes past the end of `values` are the HTML body's subject and preheader, in that order. With
    /// `recordsLayout`, also where each literal landed, for MIME (``FilledSkeleton/literalStarts``); an
    /// email body wants that, other parts do not. White space at the ends of the text (``leadingSpace``,
    /// ``trailingSpace``) is left out: every part is trimmed of it.
    func fill(
        _ values: [String],
        header: (subject: [UInt8], preheader: [UInt8])? = nil,
        escapingHTML: Bool,
        recordsLayout: Bool = false
    ) -> FilledSkeleton {
        // `&quot;` is the longest replacement: six bytes for one.
        var capacity = text.count - leadingSpace - trailingSpace
        for hole in holes { capacity += Self.count(hole, values, header) * (escapingHTML ? 6 : 1) }
        var starts: [Int] = []
        var valueBytes = 0
        var valueNonASCII = 0
        if recordsLayout { starts.reserveCapacity(literalEnds.count) }
        // Literal starts are recorded where they would be without the leading white space left out.
        let skipped = leadingSpace
        // One byte spare for the newline a body ends with (``MessageRenderer/finish(_:part:)``).
        let bytes = [UInt8](writingUpTo: capacity + 1) { buffer in
            var out = ByteWriter(buffer.baseAddress!, capacity: buffer.count)
            text.withUnsafeBufferPointer { literals in
                var start = skipped
                for index in holes.indices {
                    // The first literal starts at 0, before the white space left out: its encoding made
                    // in advance includes that white space, so it must not be copied to the body's start.
                    if recordsLayout { starts.append(index == 0 ? 0 : out.count + skipped) }
                    out.append(UnsafeBufferPointer(rebasing: literals[start..<literalEnds[index]]))
                    start = literalEnds[index]
                    let valueStart = out.count
                    Self.withValue(holes[index], values, header) { value in
                        valueNonASCII &+= ByteScan.nonASCIICount(value)
                        escapingHTML ? HTMLEscape.append(value, to: &out) : out.append(value)
                    }
                    valueBytes += out.count - valueStart
                }
                if recordsLayout { starts.append(holes.isEmpty ? 0 : out.count + skipped) }
                out.append(UnsafeBufferPointer(rebasing: literals[start..<(literals.count - trailingSpace)]))
            }
            return out.count
        }
        return FilledSkeleton(
            bytes: bytes,
            literalStarts: starts,
            skipped: skipped,
            valueBytes: valueBytes,
            valueNonASCII: valueNonASCII
        )
    }

    /// Reads a value where it is stored, not copied out: a body has dozens of holes, and each copy of a
    /// `String` is a retain and a release.
    @inline(__always) private static func withValue(
        _ hole: Int,
        _ values: [String],
        _ header: (subject: [UInt8], preheader: [UInt8])?,
        _ body: (UnsafeBufferPointer<UInt8>) -> Void
    ) {
        if hole < values.count {
            if values[hole].utf8.withContiguousStorageIfAvailable(body) != nil { return }
            var value = values[hole]
            value.withUTF8(body)
            return
        }
        guard let header else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
        (hole == values.count ? header.subject : header.preheader).withUnsafeBufferPointer(body)
    }

    @inline(__always) private static func count(
        _ hole: Int,
        _ values: [String],
        _ header: (subject: [UInt8], preheader: [UInt8])?
    ) -> Int {
        if hole < values.count { return values[hole].utf8.count }
        return (hole == values.count ? header?.subject : header?.preheader)?.count ?? 0
    }
}

/// A skeleton filled with one customer's values.
///
/// ```swift
/// let filled = skeleton.fill(values, escapingHTML: true, recordsLayout: true)
/// filled.literalStarts[1]   // where the second literal begins in `filled.bytes`
/// ```
struct FilledSkeleton {
    var bytes: [UInt8]
    /// Where each literal of the skeleton begins in `bytes` plus `skipped`; empty unless the layout was
    /// recorded.
    var literalStarts: [Int]
    /// The leading white space left out of `bytes` (``TemplateSkeleton/leadingSpace``).
    var skipped: Int
    /// The bytes the values took, as written (escaped).
    var valueBytes: Int
    /// The values' bytes with the high bit set: escaping leaves those as they are.
    var valueNonASCII: Int
}

/// swift-mustache's HTML escaping, done on bytes.
enum HTMLEscape {
    /// Bit `b` set for each byte `b` that is replaced: `"`, `&`, `'`, `<`, `>`.
    private static let specials: UInt64 = 1 << 0x22 | 1 << 0x26 | 1 << 0x27 | 1 << 0x3C | 1 << 0x3E

    /// Writes `bytes` escaped; `out` has room for six bytes per byte.
    static func append(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout ByteWriter) {
        // Copy the runs between special bytes whole; the specials are ASCII, so cuts fall between scalars.
        // Eight bytes with none of the five are passed over at once (most of a link or a name); the
        // others are decided one by one, a bit test first, since a `switch` alone jumped through a table
        // for every digit, `/`, `:`, `=` and `?`.
        guard let base = bytes.baseAddress else { return }
        let raw = UnsafeRawPointer(base)
        var run = 0
        var index = 0
        while index < bytes.count {
            if index + 8 <= bytes.count, !mayHaveSpecial(raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)) {
                index += 8
                continue
            }
            let end = min(index + 8, bytes.count)
            while index < end {
                let byte = base[index]
                index += 1
                guard byte < 64, specials >> byte & 1 == 1 else { continue }
                out.append(UnsafeBufferPointer(rebasing: bytes[run..<(index - 1)]))
                out.append(replacement(byte))
                run = index
            }
        }
        out.append(UnsafeBufferPointer(rebasing: bytes[run...]))
    }

    /// Whether any lane may be one of the five: never false when one is (``ByteLanes/equalMask(_:_:)``).
    @inline(__always) private static func mayHaveSpecial(_ word: UInt64) -> Bool {
        ByteLanes.equalMask(word, 0x22) | ByteLanes.equalMask(word, 0x26) | ByteLanes.equalMask(word, 0x27)
            | ByteLanes.equalMask(word, 0x3C) | ByteLanes.equalMask(word, 0x3E) != 0
    }

    @inline(__always) private static func replacement(_ byte: UInt8) -> StaticString {
        switch byte {
        case 0x26: "&amp;"
        case 0x3C: "&lt;"
        case 0x3E: "&gt;"
        case 0x22: "&quot;"
        default: "&#39;"
        }
    }
}
