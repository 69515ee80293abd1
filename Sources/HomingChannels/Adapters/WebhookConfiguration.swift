/// Where and how the ``WebhookAdapter`` posts, as `channels/webhook.yaml` states it.
///
/// ```swift
/// var configuration = WebhookConfiguration(
///     url: "https://hooks.example.com/homing",
///     secretVariable: "HOMING_WEBHOOK_SECRET"   // holds "whsec_…"; never the secret itself
/// )
/// configuration.timeout = .seconds(5)
/// ```
public struct WebhookConfiguration: Sendable, Hashable {
    /// The endpoint; `http` or `https`, already percent-encoded.
    public var url: String
    /// The NAME of the environment variable that holds the signing secret (`whsec_<base64>`).
    public var secretVariable: String
    /// The whole request's limit; nil uses the transport's default.
    public var timeout: Duration?

    public init(url: String, secretVariable: String, timeout: Duration? = nil) {
        self.url = url
        self.secretVariable = secretVariable
        self.timeout = timeout
    }
}
