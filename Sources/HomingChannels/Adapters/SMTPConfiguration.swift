/// Where and how the ``SMTPAdapter`` sends, as `channels/email.yaml` states it.
///
/// ```swift
/// var configuration = SMTPConfiguration(
///     url: "smtp://smtp.mailgun.org:587",
///     starttls: .required,
///     username: "postmaster@mg.shop.example",
///     passwordVariable: "HOMING_SMTP_PASSWORD",   // never the password itself
///     envelopeFrom: "bounces@mg.shop.example"
/// )
/// configuration.timeout = .seconds(60)
/// ```
///
/// `smtps://` (usually port 465) is TLS from the first byte and ignores `starttls`. With
/// `smtp://` (port 587 or 25), `starttls` says whether the session must, may or must not be
/// upgraded. `.off` is accepted only for loopback hosts (`127.0.0.0/8`, `::1`, `localhost`): a
/// local relay or test sink. Anywhere else it would send messages and the password in clear text,
/// so the adapter refuses it at start-up; use `.opportunistic` for a server that may lack TLS.
public struct SMTPConfiguration: Sendable, Hashable {
    /// How an `smtp://` session is upgraded to TLS.
    public enum StartTLS: String, Sendable, Hashable, CaseIterable {
        /// `STARTTLS` or fail; a server that does not offer it is a permanent failure.
        case required
        /// `STARTTLS` when the server offers it, clear text otherwise.
        case opportunistic
        /// Never `STARTTLS`; loopback hosts only.
        case off
    }

    /// `smtp://host[:port]` or `smtps://host[:port]`; a path is the name sent in `EHLO`.
    public var url: String
    public var starttls: StartTLS
    /// The `AUTH` user name (not a secret); nil sends without authenticating.
    public var username: String?
    /// The NAME of the environment variable that holds the password; required with `username`.
    public var passwordVariable: String?
    /// The envelope sender (`MAIL FROM`): the address bounces go to, not necessarily the `From:`
    /// header of the message.
    public var envelopeFrom: String
    /// The whole session's limit per message; nil uses the transport's default.
    public var timeout: Duration?

    public init(
        url: String,
        starttls: StartTLS = .required,
        username: String? = nil,
        passwordVariable: String? = nil,
        envelopeFrom: String,
        timeout: Duration? = nil
    ) {
        self.url = url
        self.starttls = starttls
        self.username = username
        self.passwordVariable = passwordVariable
        self.envelopeFrom = envelopeFrom
        self.timeout = timeout
    }
}
