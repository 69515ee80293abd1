/// Checks a template's tags against ``TemplateSchema`` the way swift-mustache will resolve them.
///
/// ```swift
/// var validator = TemplateValidator(part: .emailSubject) { _ in nil }
/// validator.validate(file: "subject.mustache", tags: try TemplateTag.scan("{{ofer.code}}"))
/// validator.diagnostics.first?.message   // unknown variable "ofer.code"
/// ```
///
/// Names resolve like Mustache: the first component is looked up from the innermost section outwards, the rest
/// inside what it found. Values that may be missing must sit inside a section on them, so nothing renders blank.
struct TemplateValidator {
    /// A partial's source file and tags, looked up by the name used in `{{> name}}`.
    typealias PartialLookup = (String) -> (file: String, tags: [TemplateTag])?

    let part: TemplatePart
    let lookupPartial: PartialLookup
    private(set) var diagnostics: [TemplateDiagnostic] = []
    /// Top-level inputs (`order`, `offer`) the template uses, which the caller must then provide.
    private(set) var requiredInputs: Set<String> = []

    private struct Scope {
        let node: TemplateSchema
        let path: String
    }

    private var scopes: [Scope]
    private var guarded: Set<String> = []
    private var partialDepth = 0

    init(part: TemplatePart, lookupPartial: @escaping PartialLookup) {
        self.part = part
        self.lookupPartial = lookupPartial
        self.scopes = [Scope(node: TemplateSchema.root(for: part), path: "")]
    }

    mutating func validate(file: String, tags: [TemplateTag]) {
        var open: [(tag: TemplateTag, pushed: Bool, guardAdded: Bool)] = []
        for tag in tags {
            switch tag.kind {
            case .variable, .unescapedVariable:
                checkVariable(tag, file: file)
            case .section, .invertedSection:
                guard let found = resolve(tag.name, file: file, line: tag.line) else {
                    open.append((tag, false, false))
                    continue
                }
                var pushed = false
                var guardAdded = false
                if tag.kind == .section {
                    let node = found.node.kind == .list ? TemplateSchema.object(found.node.fields) : found.node
                    let path = found.node.kind == .list ? found.path + "[]" : found.path
                    scopes.append(Scope(node: node, path: path))
                    pushed = true
                    guardAdded = guarded.insert(found.path).inserted
                }
                open.append((tag, pushed, guardAdded))
            case .sectionEnd:
                guard let last = open.popLast(), last.tag.name == tag.name else {
                    report(file, tag.line, "{{/\(tag.name)}} does not close an open section")
                    return
                }
                close(last)
            case .partial:
                include(tag, file: file)
            }
        }
        if let unclosed = open.last {
            report(file, unclosed.tag.line, "section \"\(unclosed.tag.name)\" is never closed")
        }
        for entry in open.reversed() { close(entry) }
    }

    private mutating func close(_ entry: (tag: TemplateTag, pushed: Bool, guardAdded: Bool)) {
        if entry.pushed {
            let scope = scopes.removeLast()
            if entry.guardAdded {
                guarded.remove(scope.path.hasSuffix("[]") ? String(scope.path.dropLast(2)) : scope.path)
            }
        }
    }

    private mutating func checkVariable(_ tag: TemplateTag, file: String) {
        if tag.kind == .unescapedVariable, part.isHTML {
            report(file, tag.line, "unescaped variable \"\(tag.name)\" in HTML; use {{\(tag.name)}}")
        }
        guard let found = resolve(tag.name, file: file, line: tag.line) else { return }
        switch found.node.kind {
        case .value:
            if let missing = found.optionalPaths.first(where: { !guarded.contains($0) }) {
                report(file, tag.line, "\"\(missing)\" may be missing; guard it with {{#\(missing)}}…{{/\(missing)}}")
            }
        case .object:
            report(file, tag.line, "\"\(tag.name)\" is an object; use one of its fields")
        case .list:
            report(file, tag.line, "\"\(tag.name)\" is a list; loop over it with {{#\(tag.name)}}…{{/\(tag.name)}}")
        }
    }

    private mutating func include(_ tag: TemplateTag, file: String) {
        let expected = part.isHTML ? ".html" : ".text"
        guard tag.name.hasSuffix(expected) else {
            report(file, tag.line, "partial \"\(tag.name)\" in \(part.rawValue) must be a \(expected) partial")
            return
        }
        guard let partial = lookupPartial(tag.name) else {
            report(file, tag.line, "unknown partial \"\(tag.name)\"")
            return
        }
        guard partialDepth < 8 else {
            report(file, tag.line, "partial \"\(tag.name)\" includes itself")
            return
        }
        partialDepth += 1
        validate(file: partial.file, tags: partial.tags)
        partialDepth -= 1
    }

    private struct Resolution {
        let node: TemplateSchema
        let path: String
        let optionalPaths: [String]
    }

    private mutating func resolve(_ name: String, file: String, line: Int) -> Resolution? {
        guard name != "." else {
            return Resolution(node: scopes.last!.node, path: scopes.last!.path, optionalPaths: [])
        }
        let components = name.split(separator: ".").map(String.init)
        guard let scope = scopes.last(where: { $0.node.fields[components[0]] != nil }) else {
            report(file, line, "unknown variable \"\(name)\"")
            return nil
        }
        var node = scope.node
        var path = scope.path
        var optionalPaths: [String] = []
        for component in components {
            guard let child = node.fields[component] else {
                report(file, line, "unknown variable \"\(name)\"")
                return nil
            }
            path = path.isEmpty ? component : path + "." + component
            if child.isOptional { optionalPaths.append(path) }
            if child.isInput { requiredInputs.insert(component) }
            node = child
        }
        return Resolution(node: node, path: path, optionalPaths: optionalPaths)
    }

    private mutating func report(_ file: String, _ line: Int, _ message: String) {
        let diagnostic = TemplateDiagnostic(file: file, line: line, message: message)
        if !diagnostics.contains(diagnostic) { diagnostics.append(diagnostic) }
    }
}
