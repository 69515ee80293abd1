/// Where and how the ``SendGridAdapter`` sends, as `channels/email.yaml` states it.
///
/// ```swift
/// var configuration = SendGridConfiguration(
///     apiKeyVariable: "HOMING_SENDGRID_API_KEY",   // holds "SG.…"; never the key itself
///     fromEmail: "hello@shop.example",
///     fromName: "Shop"
/// )
/// configuration.baseURL = "http://127.0.0.1:8025"   // the sink instead of SendGrid
/// ```
public struct SendGridConfiguration: Sendable, Hashable {
    /// The API's origin, without a trailing path; `http` or `https`.
    public var baseURL: String
    /// The NAME of the environment variable that holds the API key.
    public var apiKeyVariable: String
    /// The sender's address, verified in the SendGrid account.
    public var fromEmail: String
    /// The sender's display name, if any.
    public var fromName: String?
    /// The whole request's limit; nil uses the transport's default.
    public var timeout: Duration?

    public init(
        baseURL: String = "https://api.sendgrid.com",
        apiKeyVariable: String,
        fromEmail: String,
        fromName: String? = nil,
        timeout: Duration? = nil
    ) {
        self.baseURL = baseURL
        self.apiKeyVariable = apiKeyVariable
        self.fromEmail = fromEmail
        self.fromName = fromName
        self.timeout = timeout
    }
}
