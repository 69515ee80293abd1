/// Where and how the ``TwilioAdapter`` sends, as `channels/sms.yaml` states it.
///
/// ```swift
/// var configuration = TwilioConfiguration(
///     accountSID: "AC0123456789abcdef0123456789abcdef",
///     authTokenVariable: "HOMING_TWILIO_AUTH_TOKEN",   // never the token itself
///     sender: .messagingService("MG0123456789abcdef0123456789abcdef")
/// )
/// configuration.statusCallback = "https://homing.shop.example/twilio/status"
/// ```
public struct TwilioConfiguration: Sendable, Hashable {
    /// Who the message comes from; Twilio takes exactly one of the two.
    public enum Sender: Sendable, Hashable {
        /// A Twilio number in E.164, sent as `From`.
        case from(String)
        /// A Messaging Service, which picks the number itself; sent as `MessagingServiceSid`.
        case messagingService(String)
    }

    /// The API's origin, without a trailing path; `http` or `https`.
    public var baseURL: String
    /// The account SID (`AC…`): part of the path and the basic-auth user name. Not a secret.
    public var accountSID: String
    /// The NAME of the environment variable that holds the auth token.
    public var authTokenVariable: String
    public var sender: Sender
    /// A public URL Twilio posts delivery status to; sent as `StatusCallback` when set.
    public var statusCallback: String?
    /// The whole request's limit; nil uses the transport's default.
    public var timeout: Duration?

    public init(
        baseURL: String = "https://api.twilio.com",
        accountSID: String,
        authTokenVariable: String,
        sender: Sender,
        statusCallback: String? = nil,
        timeout: Duration? = nil
    ) {
        self.baseURL = baseURL
        self.accountSID = accountSID
        self.authTokenVariable = authTokenVariable
        self.sender = sender
        self.statusCallback = statusCallback
        self.timeout = timeout
    }
}
