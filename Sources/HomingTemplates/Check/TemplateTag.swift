/// One `{{…}}` tag of a template source, with the line it starts on.
///
/// ```swift
/// let tags = try TemplateTag.scan("Hi {{customer.first_name}}!\n{{> footer.text}}")
/// tags.map(\.name)   // ["customer.first_name", "footer.text"]
/// ```
///
/// swift-mustache keeps its parsed tokens internal, so Homing reads tag names itself to check them against
/// the variable schema; rendering still goes through swift-mustache's parser.
struct TemplateTag: Equatable, Sendable {
    enum Kind: Equatable, Sendable {
        case variable
        case unescapedVariable
        case section
        case invertedSection
        case sectionEnd
        case partial
    }

    let kind: Kind
    let name: String
    let line: Int

    /// A tag Homing's catalog does not allow, with the line it is on.
    struct ScanError: Error, Equatable {
        let line: Int
        let message: String
    }

    /// The tags of `source` in order; comments are skipped, everything unsupported is an error.
    static func scan(_ source: String) throws(ScanError) -> [TemplateTag] {
        var tags: [TemplateTag] = []
        let bytes = Array(source.utf8)
        var index = 0
        var line = 1
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "\n") { line += 1 }
            guard bytes[index] == UInt8(ascii: "{"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "{")
            else {
                index += 1
                continue
            }
            let triple = index + 2 < bytes.count && bytes[index + 2] == UInt8(ascii: "{")
            let start = index + (triple ? 3 : 2)
            let closer: [UInt8] = triple ? Array("}}}".utf8) : Array("}}".utf8)
            guard let end = find(closer, in: bytes, from: start) else {
                throw ScanError(
                    line: line,
                    message: "tag is not closed with \(String(decoding: closer, as: UTF8.self))"
                )
            }
            let body = String(decoding: bytes[start..<end], as: UTF8.self)
            let tagLine = line
            line += body.utf8.count(where: { $0 == UInt8(ascii: "\n") })
            index = end + closer.count
            if let tag = try classify(body, triple: triple, line: tagLine) { tags.append(tag) }
        }
        return tags
    }

    private static func classify(_ body: String, triple: Bool, line: Int) throws(ScanError) -> TemplateTag? {
        let trimmed = body.trimmingWhitespace
        if triple { return try TemplateTag(kind: .unescapedVariable, name: checkedName(trimmed, line), line: line) }
        guard let sigil = trimmed.first else { throw ScanError(line: line, message: "empty tag {{}}") }
        let rest = String(trimmed.dropFirst()).trimmingWhitespace
        switch sigil {
        case "!": return nil
        case "#": return try TemplateTag(kind: .section, name: checkedName(rest, line), line: line)
        case "^": return try TemplateTag(kind: .invertedSection, name: checkedName(rest, line), line: line)
        case "/": return try TemplateTag(kind: .sectionEnd, name: checkedName(rest, line), line: line)
        case "&": return try TemplateTag(kind: .unescapedVariable, name: checkedName(rest, line), line: line)
        case ">":
            guard !rest.hasPrefix("*") else { throw ScanError(line: line, message: "dynamic partials are not allowed") }
            return TemplateTag(kind: .partial, name: rest, line: line)
        case "=": throw ScanError(line: line, message: "changing delimiters is not allowed")
        case "%": throw ScanError(line: line, message: "pragmas are not allowed; parts set their own content type")
        case "<", "$": throw ScanError(line: line, message: "template inheritance is not allowed; use partials")
        default: return try TemplateTag(kind: .variable, name: checkedName(trimmed, line), line: line)
        }
    }

    /// Names are dotted identifiers or `.`; transforms like `uppercased(x)` would hide formatting in templates.
    private static func checkedName(_ name: String, _ line: Int) throws(ScanError) -> String {
        if name == "." { return name }
        let valid =
            !name.isEmpty
            && name.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { part in
                !part.isEmpty
                    && part.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }
            }
        guard valid else {
            let hint = name.contains("(") ? "; transforms are not allowed, values come formatted" : ""
            throw ScanError(line: line, message: "\"\(name)\" is not a variable name\(hint)")
        }
        return name
    }

    private static func find(_ needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        var index = start
        while index + needle.count <= bytes.count {
            if bytes[index] == needle[0], Array(bytes[index..<(index + needle.count)]) == needle { return index }
            index += 1
        }
        return nil
    }
}

extension String {
    /// Without leading and trailing white space; walks scalars because bodies are kilobytes long.
    var trimmingWhitespace: String {
        // Rendered parts usually end in visible ASCII: then neither end needs walking.
        if let first = utf8.first, let last = utf8.last, first &- 0x21 < 0x5E, last &- 0x21 < 0x5E { return self }
        let scalars = unicodeScalars
        var start = scalars.startIndex
        var end = scalars.endIndex
        while start < end, scalars[start].isSpace { start = scalars.index(after: start) }
        while end > start, scalars[scalars.index(before: end)].isSpace {
            end = scalars.index(before: end)
        }
        if start == scalars.startIndex, end == scalars.endIndex { return self }
        return String(scalars[start..<end])
    }
}

extension Unicode.Scalar {
    /// White space, with the ASCII cases decided without a Unicode property lookup.
    fileprivate var isSpace: Bool {
        if isASCII { return value == 0x20 || (0x09...0x0D).contains(value) }
        return properties.isWhitespace
    }
}
