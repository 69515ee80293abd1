import HomingCore
import HomingTemplates

/// What every message shares: the shop, the sender, the links' base URL and signing key, defaults.
///
/// ```swift
/// let profile = MessageProfile(
///     shop: .init(name: "Maison Lumière", url: "https://shop.example", postalAddress: "12 rue…", supportEmail: "help@shop.example"),
///     publicURL: "https://homing.shop.example",
///     linkSecret: Array(secretFromEnvironment.utf8),
///     defaultLocale: try LocaleTag(parsing: "en"),
///     defaultTimeZone: "UTC"
/// )
/// ```
///
/// `publicURL` is where `homing serve` is reachable: unsubscribe links point there.
public struct MessageProfile: Sendable {
    public var shop: MessageContext.Shop
    public var publicURL: String
    /// The key that signs unsubscribe links; from the environment variable homing.yaml names.
    public var linkSecret: [UInt8]
    public var defaultLocale: LocaleTag
    public var defaultTimeZone: String

    public init(
        shop: MessageContext.Shop,
        publicURL: String,
        linkSecret: [UInt8],
        defaultLocale: LocaleTag,
        defaultTimeZone: String
    ) {
        self.shop = shop
        self.publicURL = publicURL.hasSuffix("/") ? String(publicURL.dropLast()) : publicURL
        self.linkSecret = linkSecret
        self.defaultLocale = defaultLocale
        self.defaultTimeZone = defaultTimeZone
    }
}
