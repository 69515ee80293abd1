/// One message for ``Transport/send(smtp:)``: where to connect, how to secure and authenticate the
/// session, the envelope, and the message itself.
///
/// ```swift
/// let request = SMTPRequest(
///     url: "smtp://mail.example.com:587",
///     tls: .required,
///     username: "shop", password: password,
///     envelopeFrom: "bounces@shop.example",
///     recipients: ["ada@example.com"],
///     message: mime,      // RFC 5322 headers and body, CRLF line ends
///     timeout: .seconds(30)
/// )
/// let response = try await transport.send(smtp: request)
/// ```
///
/// `smtps://` URLs speak TLS from the first byte and ignore `tls`; `smtp://` URLs upgrade with
/// `STARTTLS` as `tls` says. A path in the URL (`smtp://host:587/shop.example`) is the name sent
/// in `EHLO`; without one libcurl sends `localhost`. libcurl dot-stuffs the message and ends it with
/// `CRLF . CRLF`, so `message` is the plain RFC 5322 text. Sessions stay open in the transport's
/// connection cache and carry the next message to the same server, URL and credentials.
public struct SMTPRequest: Sendable {
    /// How an `smtp://` session is secured (`CURLOPT_USE_SSL`).
    public enum TLS: Sendable, Hashable {
        /// Never `STARTTLS`: the session, password included, stays in clear text.
        case none
        /// `STARTTLS` when the server offers it, clear text otherwise (`CURLUSESSL_TRY`).
        case opportunistic
        /// `STARTTLS` or fail with a `.tls` error before anything is sent (`CURLUSESSL_ALL`).
        case required
    }

    /// `smtp://host[:port][/ehlo-name]` or `smtps://host[:port][/ehlo-name]`.
    public var url: String
    public var tls: TLS
    /// The `AUTH` user name; nil skips authentication. libcurl picks the strongest mechanism the
    /// server offers among those it knows (e.g. LOGIN before PLAIN).
    public var username: String?
    public var password: String?
    /// The envelope sender (`MAIL FROM`), where bounces go; an address without angle brackets.
    public var envelopeFrom: String
    /// The envelope recipients (`RCPT TO`); one rejected recipient fails the whole message.
    public var recipients: [String]
    public var message: [UInt8]
    /// The whole session's limit, from queueing to the reply after the data; nil uses the
    /// transport's default.
    public var timeout: Duration?

    public init(
        url: String,
        tls: TLS = .required,
        username: String? = nil,
        password: String? = nil,
        envelopeFrom: String,
        recipients: [String],
        message: [UInt8],
        timeout: Duration? = nil
    ) {
        self.url = url
        self.tls = tls
        self.username = username
        self.password = password
        self.envelopeFrom = envelopeFrom
        self.recipients = recipients
        self.message = message
        self.timeout = timeout
    }
}
