/// The SMTP envelope of one message: `MAIL FROM` and the accepted `RCPT TO`s.
///
/// ```swift
/// let envelope = SMTPEnvelope(sender: "shop@example.com", recipients: ["ana@example.com"])
/// ```
struct SMTPEnvelope: Sendable, Hashable {
    var sender: String
    var recipients: [String]
}
