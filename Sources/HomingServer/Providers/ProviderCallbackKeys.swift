/// What verifies provider callbacks: SendGrid's public key, Twilio's auth token, and the public
/// URL Twilio signs. Each missing part refuses its provider's callbacks with 401 and a message
/// naming the variable to set: suppressions are never accepted unauthenticated.
///
/// ```swift
/// let keys = try ProviderCallbackKeys(
///     publicURL: "https://homing.shop.example",           // shop.public_url
///     environment: ProcessInfo.processInfo.environment,
///     twilioAuthTokenVariable: "HOMING_TWILIO_AUTH_TOKEN"  // the twilio channel's auth_token_env, if any
/// )
/// let context = ServerContext(store: store, linkSecret: secret, defaultLocale: en, providerCallbacks: keys)
/// ```
public struct ProviderCallbackKeys: Sendable {
    /// The variable that holds SendGrid's Event Webhook verification key (base64 DER).
    public static let sendGridKeyVariable = "HOMING_SENDGRID_WEBHOOK_KEY"

    /// `shop.public_url` without a trailing slash; Twilio's signature covers it.
    public var publicURL: String
    public var sendGrid: Result<SendGridEventSignature, WebhookRejection>
    public var twilio: Result<TwilioSignature, WebhookRejection>

    public init(
        publicURL: String,
        sendGrid: Result<SendGridEventSignature, WebhookRejection>,
        twilio: Result<TwilioSignature, WebhookRejection>
    ) {
        self.publicURL = publicURL.hasSuffix("/") ? String(publicURL.dropLast()) : publicURL
        self.sendGrid = sendGrid
        self.twilio = twilio
    }

    /// Reads the key and the token from `environment`. Throws ``InvalidSendGridKey`` when
    /// `HOMING_SENDGRID_WEBHOOK_KEY` is set but is no P-256 public key: better at start-up than as
    /// a 401 on every callback. `twilioAuthTokenVariable` is nil when SMS does not go through Twilio.
    public init(
        publicURL: String,
        environment: [String: String],
        twilioAuthTokenVariable: String?
    ) throws(InvalidSendGridKey) {
        let sendGrid: Result<SendGridEventSignature, WebhookRejection>
        if let text = environment[Self.sendGridKeyVariable], !text.isEmpty {
            do {
                sendGrid = .success(try SendGridEventSignature(base64Key: text))
            } catch {
                throw InvalidSendGridKey()
            }
        } else {
            sendGrid = .failure(
                .unauthorized(
                    "SendGrid callbacks are refused: set \(Self.sendGridKeyVariable) to the Event Webhook's "
                        + "verification key (SendGrid: Settings → Mail Settings → Event Webhook → Signed Event Webhook)",
                    reason: "not_configured"
                )
            )
        }
        let twilio: Result<TwilioSignature, WebhookRejection>
        if let variable = twilioAuthTokenVariable {
            if let token = environment[variable], !token.isEmpty {
                twilio = .success(TwilioSignature(authToken: token))
            } else {
                twilio = .failure(
                    .unauthorized(
                        "Twilio callbacks are refused: set \(variable) to the account's auth token",
                        reason: "not_configured"
                    )
                )
            }
        } else {
            twilio = .failure(
                .unauthorized(
                    "Twilio callbacks are refused: configure channels/sms.yaml with adapter: twilio and auth_token_env",
                    reason: "not_configured"
                )
            )
        }
        self.init(publicURL: publicURL, sendGrid: sendGrid, twilio: twilio)
    }

    /// Refuses every callback; what a ``ServerContext`` gets unless told otherwise.
    public static let unconfigured = ProviderCallbackKeys(
        publicURL: "http://127.0.0.1:8080",
        sendGrid: .failure(
            .unauthorized("SendGrid callbacks are refused: set \(sendGridKeyVariable)", reason: "not_configured")
        ),
        twilio: .failure(
            .unauthorized("Twilio callbacks are refused: no auth token is configured", reason: "not_configured")
        )
    )

    /// `HOMING_SENDGRID_WEBHOOK_KEY` is set but is not a base64 DER P-256 public key.
    public struct InvalidSendGridKey: Error, Sendable, CustomStringConvertible {
        public var description: String {
            "\(ProviderCallbackKeys.sendGridKeyVariable) is not a base64 DER P-256 public key; copy the "
                + "verification key from SendGrid's Event Webhook settings as it is shown (MFkw…)"
        }
    }
}
