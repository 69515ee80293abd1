/// A template rendered once for one shape of input, with holes where the values go.
///
/// ```swift
/// let skeleton = TemplateSkeleton(rendered: "Hi \u{E000}0\u{E001}!")!
/// skeleton.fill(["<b>Zoë</b>"], escapingHTML: true)   // "Hi &lt;b&gt;Zoë&lt;/b&gt;!"
/// ```
///
/// swift-mustache does the rendering (sections, lists, partials, standalone lines); filling is string
/// concatenation, which is what makes a personalised email cost microseconds. HTML escaping matches
/// swift-mustache's (`& < > " '`), so a filled skeleton is byte-identical to a direct render.
struct TemplateSkeleton: Sendable {
    /// Literal text as UTF-8; `literals.count == holes.count + 1`.
    let literals: [[UInt8]]
    /// Index into the slot values for each hole.
    let holes: [Int]
    let literalBytes: Int

    /// Splits a placeholder rendering at its markers; nil when a marker is malformed.
    init?(rendered: String) {
        var literals: [[UInt8]] = []
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
            literals.append(Array(String(current).utf8))
            holes.append(index)
            current = String.UnicodeScalarView()
        }
        literals.append(Array(String(current).utf8))
        self.literals = literals
        self.holes = holes
        self.literalBytes = literals.reduce(0) { $0 + $1.count }
    }

    func fill(_ values: [String], escapingHTML: Bool) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(literalBytes + holes.count * 32)
        for index in holes.indices {
            output.append(contentsOf: literals[index])
            let value = values[holes[index]]
            if escapingHTML { HTMLEscape.append(value, to: &output) } else { Self.append(value, to: &output) }
        }
        output.append(contentsOf: literals[literals.count - 1])
        return String(decoding: output, as: UTF8.self)
    }

    static func append(_ value: String, to output: inout [UInt8]) {
        var value = value
        value.withUTF8 { output.append(contentsOf: $0) }
    }
}

/// swift-mustache's HTML escaping, done on bytes.
enum HTMLEscape {
    static func append(_ value: String, to output: inout [UInt8]) {
        var value = value
        let special = value.withUTF8 { bytes in
            bytes.contains { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }
        }
        guard special else {
            TemplateSkeleton.append(value, to: &output)
            return
        }
        for byte in value.utf8 {
            switch byte {
            case 0x26: output.append(contentsOf: "&amp;".utf8)
            case 0x3C: output.append(contentsOf: "&lt;".utf8)
            case 0x3E: output.append(contentsOf: "&gt;".utf8)
            case 0x22: output.append(contentsOf: "&quot;".utf8)
            case 0x27: output.append(contentsOf: "&#39;".utf8)
            default: output.append(byte)
            }
        }
    }
}
