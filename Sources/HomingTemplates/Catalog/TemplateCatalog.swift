import Foundation
import HomingCore
import Mustache

/// Every template under `templates/`, parsed once, checked against the variable schema and kept in memory.
///
/// ```swift
/// let catalog = try TemplateCatalog(directory: "templates", defaultLocale: try LocaleTag(parsing: "en"))
/// let entry = try catalog.resolve("win-back-offer", .emailSubject, for: try LocaleTag(parsing: "zh-TW"))
/// entry.locale   // zh-Hant, recorded with the send
/// ```
///
/// Loading never stops at the first bad file: problems are collected in ``diagnostics`` for `templates check`,
/// and a part with an error refuses to render rather than falling back silently.
public struct TemplateCatalog: Sendable {
    /// The directory as given, used as the prefix of every file name in diagnostics.
    public let directory: String
    public let defaultLocale: LocaleTag
    /// The locales that have a folder, sorted by tag.
    public let locales: [LocaleTag]
    /// Message names that have at least one part in some locale, sorted.
    public let messages: [String]
    /// Everything wrong with the files, in file order.
    public internal(set) var diagnostics: [TemplateDiagnostic] = []

    var entries: [EntryKey: TemplateEntry] = [:]
    var broken: Set<EntryKey> = []
    var libraries: [LocaleTag: MustacheLibrary] = [:]

    struct EntryKey: Hashable {
        let locale: LocaleTag
        let message: String
        let part: TemplatePart
    }

    /// Loads and checks every `.mustache` file under `directory`; throws only when it cannot be read at all.
    public init(directory: String, defaultLocale: LocaleTag) throws(TemplateError) {
        self.directory = directory
        self.defaultLocale = defaultLocale
        let files = try TemplateFiles(directory: directory)
        locales = files.locales
        messages = files.messages
        diagnostics = files.diagnostics
        buildLibraries(files)
        for file in files.parts { load(file, files: files) }
        if !locales.contains(defaultLocale) {
            diagnostics.append(
                TemplateDiagnostic(
                    file: directory,
                    line: 1,
                    message: "default locale \(defaultLocale) has no folder \(directory)/\(defaultLocale)"
                )
            )
        }
    }

    /// The template `part` of `message` for a customer's `locale`, found through its fallback chain.
    public func resolve(
        _ message: String,
        _ part: TemplatePart,
        for locale: LocaleTag
    ) throws(TemplateError)
        -> TemplateEntry
    {
        try resolve(message, part, chain: locale.fallbackChain(defaultLocale: defaultLocale), for: locale)
    }

    func resolve(
        _ message: String,
        _ part: TemplatePart,
        chain: [LocaleTag],
        for locale: LocaleTag
    )
        throws(TemplateError) -> TemplateEntry
    {
        for candidate in chain {
            let key = EntryKey(locale: candidate, message: message, part: part)
            if let entry = entries[key] { return entry }
            if broken.contains(key) {
                throw .invalidTemplate(file: TemplateFiles.path(directory, candidate, message, part.rawValue))
            }
        }
        throw .missingTemplate(message: message, part: part, locale: locale)
    }

    /// Whether `message` has `part` in any locale: a channel exists for a message when its parts do.
    public func has(_ message: String, _ part: TemplatePart) -> Bool {
        locales.contains { entries[EntryKey(locale: $0, message: message, part: part)] != nil }
            || locales.contains { broken.contains(EntryKey(locale: $0, message: message, part: part)) }
    }

    /// The channels `message` can go out on: those whose first part exists somewhere.
    public func channels(of message: String) -> [Channel] {
        Channel.allCases.filter { has(message, $0.parts[0]) }
    }

    func library(for locale: LocaleTag) -> MustacheLibrary {
        libraries[locale] ?? MustacheLibrary()
    }
}
