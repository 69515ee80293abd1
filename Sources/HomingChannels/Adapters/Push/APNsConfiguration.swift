/// Where and how the ``APNsAdapter`` sends, as `channels/push.yaml` states it.
///
/// ```swift
/// // HOMING_APNS_KEY holds the AuthKey_ABC123DEFG.p8 text, or the path of that file
/// var configuration = APNsConfiguration(
///     keyVariable: "HOMING_APNS_KEY",
///     keyID: "ABC123DEFG",
///     teamID: "DEF123GHIJ",
///     topic: "com.shop.app"
/// )
/// configuration.baseURL = APNsConfiguration.sandbox   // apps built for development
/// configuration.expiration = .seconds(86_400)        // keep trying an offline device for a day
/// ```
///
/// The key is a token-based (`.p8`) APNs authentication key from the Apple Developer account;
/// only the variable's name is configured, never the key.
public struct APNsConfiguration: Sendable, Hashable {
    /// APNs for apps from the App Store, TestFlight and ad-hoc builds.
    public static let production = "https://api.push.apple.com"
    /// APNs for apps built with a development provisioning profile.
    public static let sandbox = "https://api.sandbox.push.apple.com"

    /// The APNs origin, without a trailing path: ``production``, ``sandbox``, or a stand-in.
    public var baseURL: String
    /// The NAME of the environment variable that holds the `.p8` key (PEM), or the path of the
    /// file that holds it. A value starting with `-----BEGIN` is taken as the key itself.
    public var keyVariable: String
    /// The key's 10-character id, sent as the token's `kid`.
    public var keyID: String
    /// The 10-character Apple Developer team id, sent as the token's `iss`.
    public var teamID: String
    /// The app's bundle id, sent as `apns-topic`.
    public var topic: String
    /// How long APNs keeps trying an offline device, sent as `apns-expiration`; nil sends no
    /// header and leaves it to APNs.
    public var expiration: Duration?
    /// The `aps.sound` to play; nil sends a silent alert.
    public var sound: String?
    /// The limit on each request; nil uses the transport's default.
    public var timeout: Duration?

    public init(
        baseURL: String = APNsConfiguration.production,
        keyVariable: String,
        keyID: String,
        teamID: String,
        topic: String,
        expiration: Duration? = nil,
        sound: String? = "default",
        timeout: Duration? = nil
    ) {
        self.baseURL = baseURL
        self.keyVariable = keyVariable
        self.keyID = keyID
        self.teamID = teamID
        self.topic = topic
        self.expiration = expiration
        self.sound = sound
        self.timeout = timeout
    }
}
