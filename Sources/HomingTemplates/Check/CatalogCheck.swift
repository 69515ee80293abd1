import HomingCore

/// `homing templates check`: every message × channel × catalog locale resolves, renders against sample data
/// and fits its limits.
///
/// ```swift
/// let check = CatalogCheck(catalog: catalog)
/// for line in check.lines { print(line) }          // ok  fr  win-back-offer  sms  1 segment, GSM-7
/// for problem in check.diagnostics { print(problem) }
/// check.hasErrors                                  // exit 1 when true
/// ```
public struct CatalogCheck: Sendable {
    /// Subjects longer than this are cut off by most inboxes.
    public static let subjectWarningLength = 78

    /// One progress line per message, channel and locale, with the fallbacks used.
    public private(set) var lines: [String] = []
    /// Load errors, then render errors and warnings, without duplicates.
    public private(set) var diagnostics: [TemplateDiagnostic] = []

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    /// - Parameters:
    ///   - messages: the messages journeys use; nil checks every message in the catalog.
    ///   - maxSMSSegments: the most segments an SMS may take with sample data.
    public init(catalog: TemplateCatalog, messages: [String]? = nil, maxSMSSegments: Int = 3) {
        diagnostics = catalog.diagnostics
        let renderer = MessageRenderer(catalog: catalog)
        for message in messages ?? catalog.messages {
            guard catalog.messages.contains(message) else {
                report(catalog.directory, "a journey uses message \"\(message)\", which has no templates")
                continue
            }
            for channel in catalog.channels(of: message) {
                for locale in catalog.locales {
                    check(message, channel, locale, renderer: renderer, maxSMSSegments: maxSMSSegments)
                }
            }
        }
    }

    private mutating func check(
        _ message: String,
        _ channel: Channel,
        _ locale: LocaleTag,
        renderer: MessageRenderer,
        maxSMSSegments: Int
    ) {
        let label = "\(locale.description.padded(8)) \(message.padded(26)) \(channel.rawValue.padded(6))"
        do {
            let rendered = try renderer.render(message, channel: channel, context: .sample(for: locale))
            var notes = rendered.parts.filter { $0.locale != locale }.map { "\($0.part.rawValue) ← \($0.locale)" }
            for part in rendered.parts where part.text.trimmingWhitespace.isEmpty {
                report(part.file, "\(part.part.rawValue) renders empty")
            }
            if let subject = rendered.parts.first(where: { $0.part == .emailSubject }),
                subject.text.count > Self.subjectWarningLength
            {
                let warning =
                    "subject is \(subject.text.count) characters with sample data; "
                    + "inboxes cut it after about \(Self.subjectWarningLength)"
                report(subject.file, warning, severity: .warning)
            }
            if let sms = rendered.parts.first(where: { $0.part == .smsText }) {
                let encoded = SMSText(sms.text)
                let plural = encoded.segments == 1 ? "" : "s"
                notes.insert("\(encoded.segments) segment\(plural), \(encoded.encoding.rawValue)", at: 0)
                if encoded.segments > maxSMSSegments {
                    let problem =
                        "SMS takes \(encoded.segments) segments (\(encoded.encoding.rawValue), "
                        + "\(encoded.units) units) with sample data; the limit is \(maxSMSSegments)"
                    report(sms.file, problem)
                }
            }
            lines.append("ok     \(label) \(notes.joined(separator: ", "))")
        } catch {
            lines.append("FAIL   \(label) \(error)")
            // A broken file was already reported with its line when the catalog loaded.
            if case .invalidTemplate = error { return }
            report(expectedFile(error, message, channel, locale, in: renderer.catalog.directory), "\(error)")
        }
    }

    private func expectedFile(
        _ error: TemplateError,
        _ message: String,
        _ channel: Channel,
        _ locale: LocaleTag,
        in directory: String
    ) -> String {
        var part = channel.parts[0]
        if case .missingTemplate(_, let missing, _) = error { part = missing }
        return TemplateFiles.path(directory, locale, message, part.rawValue)
    }

    private mutating func report(_ file: String, _ message: String, severity: TemplateDiagnostic.Severity = .error) {
        let diagnostic = TemplateDiagnostic(file: file, line: 1, message: message, severity: severity)
        if !diagnostics.contains(diagnostic) { diagnostics.append(diagnostic) }
    }
}

extension String {
    fileprivate func padded(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
