/// One template file of a message: `templates/<locale>/<message>/<part>.mustache`.
///
/// ```swift
/// TemplatePart(fileStem: "email.html")   // .emailHTML
/// TemplatePart.emailHTML.isHTML          // true: variables are HTML-escaped
/// ```
public enum TemplatePart: String, CaseIterable, Sendable, Hashable, Comparable {
    case emailSubject = "email.subject"
    case emailPreheader = "email.preheader"
    case emailHTML = "email.html"
    case emailText = "email.text"
    case smsText = "sms.text"
    case pushTitle = "push.title"
    case pushBody = "push.body"

    /// The part named by a file name without `.mustache`, or nil when it names none.
    public init?(fileStem: String) { self.init(rawValue: fileStem) }

    /// The channel this part belongs to.
    public var channel: Channel {
        switch self {
        case .emailSubject, .emailPreheader, .emailHTML, .emailText: .email
        case .smsText: .sms
        case .pushTitle, .pushBody: .push
        }
    }

    /// HTML parts escape variables; every other part is plain text and must not.
    public var isHTML: Bool { self == .emailHTML }

    /// Single-line parts (subjects, titles) may not contain line breaks once rendered.
    public var isSingleLine: Bool {
        self == .emailSubject || self == .emailPreheader || self == .pushTitle
    }

    public static func < (lhs: TemplatePart, rhs: TemplatePart) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
