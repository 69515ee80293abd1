import HomingCore
import Mustache

extension TemplateCatalog {
    /// Text parts and partials render without HTML escaping; swift-mustache selects that with a pragma.
    /// On a line of its own it is standalone and leaves no trace, so the first line stays a standalone tag.
    static let textPragma = "{{%CONTENT_TYPE:TEXT}}\n"

    static func parse(_ source: String, html: Bool, file: String) throws(TemplateDiagnostic) -> MustacheTemplate {
        do {
            return try MustacheTemplate(string: html ? source : textPragma + source)
        } catch let error as MustacheTemplate.ParserError {
            let line = max(1, error.context.lineNumber - (html ? 0 : 1))
            throw TemplateDiagnostic(file: file, line: line, message: "\(error.error)")
        } catch {
            throw TemplateDiagnostic(file: file, line: 1, message: "\(error)")
        }
    }

    /// One library of partials per locale, each partial taken from the first locale of the chain that has it.
    mutating func buildLibraries(_ files: TemplateFiles) {
        var parsed: [String: MustacheTemplate] = [:]
        for partial in files.partials {
            do {
                _ = try TemplateTag.scan(partial.source)
                parsed[partial.path] = try Self.parse(
                    partial.source,
                    html: partial.name.hasSuffix(".html"),
                    file: partial.path
                )
            } catch let error as TemplateTag.ScanError {
                diagnostics.append(TemplateDiagnostic(file: partial.path, line: error.line, message: error.message))
            } catch let diagnostic as TemplateDiagnostic {
                diagnostics.append(diagnostic)
            } catch {}
        }
        let names = Set(files.partials.map(\.name))
        for locale in locales {
            var library = MustacheLibrary()
            for name in names {
                guard let partial = Self.findPartial(name, for: locale, defaultLocale: defaultLocale, in: files),
                    let template = parsed[partial.path]
                else { continue }
                library.register(template, named: name)
            }
            libraries[locale] = library
        }
    }

    static func findPartial(
        _ name: String,
        for locale: LocaleTag,
        defaultLocale: LocaleTag,
        in files: TemplateFiles
    )
        -> TemplateFiles.Partial?
    {
        for candidate in locale.fallbackChain(defaultLocale: defaultLocale) {
            if let partial = files.partials.first(where: { $0.locale == candidate && $0.name == name }) {
                return partial
            }
        }
        return nil
    }

    /// Scans, checks and parses one part; on any error the part is remembered as broken.
    mutating func load(_ file: TemplateFiles.Part, files: TemplateFiles) {
        let key = EntryKey(locale: file.locale, message: file.message, part: file.part)
        let tags: [TemplateTag]
        do {
            tags = try TemplateTag.scan(file.source)
        } catch {
            diagnostics.append(TemplateDiagnostic(file: file.path, line: error.line, message: error.message))
            broken.insert(key)
            return
        }
        let locale = file.locale
        let defaultLocale = self.defaultLocale
        var validator = TemplateValidator(part: file.part) { name in
            guard let partial = Self.findPartial(name, for: locale, defaultLocale: defaultLocale, in: files),
                let tags = try? TemplateTag.scan(partial.source)
            else { return nil }
            return (partial.path, tags)
        }
        validator.validate(file: file.path, tags: tags)
        do {
            let template = try Self.parse(file.source, html: file.part.isHTML, file: file.path)
            guard validator.diagnostics.isEmpty else {
                note(validator.diagnostics)
                broken.insert(key)
                return
            }
            entries[key] = TemplateEntry(
                locale: file.locale,
                message: file.message,
                part: file.part,
                file: file.path,
                requiredInputs: validator.requiredInputs,
                template: template
            )
        } catch {
            note(validator.diagnostics.isEmpty ? [error] : validator.diagnostics)
            broken.insert(key)
        }
    }

    /// A partial's problem is found once per part that includes it; report it once.
    private mutating func note(_ found: [TemplateDiagnostic]) {
        for diagnostic in found where !diagnostics.contains(diagnostic) { diagnostics.append(diagnostic) }
    }
}
