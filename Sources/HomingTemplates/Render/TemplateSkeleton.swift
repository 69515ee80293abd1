/// A template rendered once for one shape of input, with holes where the values go.
///
/// ```swift
/// let skeleton = TemplateSkeleton(rendered: "Hi \u{E000}0\u{E001}!")!
/// skeleton.fill(["<b>Zoë</b>"], escapingHTML: true)   // "Hi &lt;b&gt;Zoë&lt;/b&gt;!"
/// ```
///
/// swift-mustache does the rendering (sections, lists, partials, standalone lines); filling is string
/// concatenation, which is what makes a personalised email cost microseconds. HTML escaping matches
/// swift-mustache's (`& < > " '`), so a filled skeleton equals a direct render; the one difference is
/// stricter: swift-mustache compares whole characters and leaves `&` carrying a combining mark as is.
struct TemplateSkeleton: Sendable {
    /// Literal text; `literals.count == holes.count + 1`.
    let literals: [String]
    /// Index into the slot values for each hole.
    let holes: [Int]
    let literalBytes: Int

    /// Splits a placeholder rendering at its markers; nil when a marker is malformed.
    init?(rendered: String) {
        var literals: [String] = []
        var holes: [Int] = []
        var current = String.UnicodeScalarView()
        var iterator = rendered.unicodeScalars.makeIterator()
        while let scalar = iterator.next() {
            if scalar == RenderSlots.markerEnd { return nil }
            guard scalar == RenderSlots.markerStart else {
                current.append(scalar)
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
            literals.append(String(current))
            holes.append(index)
            current = String.UnicodeScalarView()
        }
        literals.append(String(current))
        self.literals = literals
        self.holes = holes
        self.literalBytes = literals.reduce(0) { $0 + $1.utf8.count }
    }

    /// Joins literals and values as strings: both are valid UTF-8 already, so nothing is validated again.
    func fill(_ values: [String], escapingHTML: Bool) -> String {
        var output = ""
        output.reserveCapacity(literalBytes + holes.count * 32)
        for index in holes.indices {
            output += literals[index]
            let value = values[holes[index]]
            if escapingHTML { HTMLEscape.append(value, to: &output) } else { output += value }
        }
        output += literals[literals.count - 1]
        return output
    }
}

/// swift-mustache's HTML escaping, done on bytes.
enum HTMLEscape {
    static func append(_ value: String, to output: inout String) {
        var value = value
        let special = value.withUTF8 { bytes in
            bytes.contains { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }
        }
        guard special else {
            output += value
            return
        }
        // Copy the runs between special bytes whole; the specials are ASCII, so cuts fall between scalars.
        let utf8 = value.utf8
        var run = utf8.startIndex
        var index = run
        while index < utf8.endIndex {
            let replacement: String
            switch utf8[index] {
            case 0x26: replacement = "&amp;"
            case 0x3C: replacement = "&lt;"
            case 0x3E: replacement = "&gt;"
            case 0x22: replacement = "&quot;"
            case 0x27: replacement = "&#39;"
            default:
                index = utf8.index(after: index)
                continue
            }
            output += value[run..<index]
            output += replacement
            index = utf8.index(after: index)
            run = index
        }
        output += value[run...]
    }
}
