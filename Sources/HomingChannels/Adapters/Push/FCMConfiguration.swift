/// Where and how the ``FCMAdapter`` sends, as `channels/push.yaml` states it.
///
/// ```swift
/// // HOMING_FCM_SERVICE_ACCOUNT holds the service-account JSON, or the path of the JSON file
/// var configuration = FCMConfiguration(serviceAccountVariable: "HOMING_FCM_SERVICE_ACCOUNT")
/// configuration.projectID = "shop-prod"   // only to send for another project than the key's
/// ```
///
/// The service account needs the Firebase Cloud Messaging API Admin role (or
/// `cloudmessaging.messages.create`). Only the variable's name is configured, never the key.
public struct FCMConfiguration: Sendable, Hashable {
    /// The FCM API's origin, without a trailing path; `http` or `https`.
    public var baseURL: String
    /// The NAME of the environment variable that holds the service-account JSON key, or the path
    /// of a file that holds it. A value starting with `{` is taken as the JSON itself.
    public var serviceAccountVariable: String
    /// The Firebase project to send through; nil uses the key's `project_id`.
    public var projectID: String?
    /// The OAuth token endpoint; nil uses the key's `token_uri`. Set it to stand in for Google
    /// (tests, the local sink).
    public var tokenURL: String?
    /// The limit on each request, the token request included; nil uses the transport's default.
    public var timeout: Duration?

    public init(
        baseURL: String = "https://fcm.googleapis.com",
        serviceAccountVariable: String,
        projectID: String? = nil,
        tokenURL: String? = nil,
        timeout: Duration? = nil
    ) {
        self.baseURL = baseURL
        self.serviceAccountVariable = serviceAccountVariable
        self.projectID = projectID
        self.tokenURL = tokenURL
        self.timeout = timeout
    }
}
