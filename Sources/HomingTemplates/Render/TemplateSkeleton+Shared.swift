extension TemplateSkeleton {
    /// This skeleton with the shop's own values written into its literal text, as a fill would write
    /// them; the holes of other values stay.
    ///
    /// ```swift
    /// let skeleton = TemplateSkeleton(rendered: "\u{E000}0\u{E001} · \u{E000}1\u{E001}")!
    /// let shop = skeleton.specialized(["Zoë", "Hearth & Field"], shared: 1..<2, escapingHTML: true)
    /// shop.fill(["Ana", "Hearth & Field"], escapingHTML: true).bytes   // "Ana · Hearth &amp; Field"
    /// ```
    ///
    /// A fill of the result with values whose `shared` range holds the same strings writes exactly the
    /// bytes a fill of `self` writes; the caller keys the result by those strings
    /// (``RenderPlan/skeletons(shape:shared:build:)``). Every customer of a shop shares them, so their
    /// HTML escaping and their quoted-printable encoding (``EncodedLiterals``) are done once per shop
    /// instead of in every message, and the fill copies fewer, longer pieces.
    func specialized(_ values: [String], shared: Range<Int>, escapingHTML: Bool) -> TemplateSkeleton {
        guard holes.contains(where: { shared.contains($0) && $0 < values.count }) else { return self }
        var text: [UInt8] = []
        var ends: [Int] = []
        var kept: [Int] = []
        text.reserveCapacity(self.text.count)
        var start = 0
        for (index, hole) in holes.enumerated() {
            text += self.text[start..<literalEnds[index]]
            start = literalEnds[index]
            guard shared.contains(hole), hole < values.count else {
                ends.append(text.count)
                kept.append(hole)
                continue
            }
            text += Self.filled(values[hole], escapingHTML: escapingHTML)
        }
        text += self.text[start...]
        ends.append(text.count)
        return TemplateSkeleton(text: text, literalEnds: ends, holes: kept)
    }

    /// `value` as ``fill(_:header:escapingHTML:recordsLayout:)`` writes it into a hole.
    private static func filled(_ value: String, escapingHTML: Bool) -> [UInt8] {
        guard escapingHTML, !value.isEmpty else { return Array(value.utf8) }
        var value = value
        return value.withUTF8 { bytes in
            // `&quot;` is the longest replacement: six bytes for one.
            [UInt8](writingUpTo: bytes.count * 6) { buffer in
                var out = ByteWriter(buffer.baseAddress!, capacity: buffer.count)
                HTMLEscape.append(bytes, to: &out)
                return out.count
            }
        }
    }
}
