/// A way a message reaches a customer; each channel has its own template parts.
///
/// ```swift
/// Channel.sms.parts    // [.smsText]
/// ```
public enum Channel: String, CaseIterable, Sendable, Codable {
    case email
    case sms
    case push

    /// The parts a message needs to go out on this channel, in rendering order.
    public var parts: [TemplatePart] {
        switch self {
        case .email: [.emailSubject, .emailPreheader, .emailHTML, .emailText]
        case .sms: [.smsText]
        case .push: [.pushTitle, .pushBody]
        }
    }
}
