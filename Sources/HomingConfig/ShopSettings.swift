import Yams

/// `shop:` in homing.yaml: who the messages come from and where their links point.
///
/// ```yaml
/// shop:
///   name: Maison Lumière
///   url: https://shop.example.com
///   postal_address: 12 rue des Lilas, 75011 Paris, France
///   support_email: help@shop.example.com
///   public_url: https://homing.shop.example.com   # where `homing serve` answers /u/… links
///   link_secret_env: HOMING_LINK_SECRET           # the variable holding the link-signing secret
/// ```
///
/// Every field has a default for the local demo; a real shop sets them all.
public struct ShopSettings: Hashable, Sendable {
    public var name = "Homing Demo Shop"
    public var url = "https://shop.example.com"
    public var postalAddress = "1 Example Street, 75001 Paris, France"
    public var supportEmail = "help@shop.example.com"
    public var publicURL = "http://127.0.0.1:8080"
    /// The NAME of the environment variable with the secret that signs unsubscribe links.
    public var linkSecretVariable = "HOMING_LINK_SECRET"

    public init() {}

    init(_ node: Node, yaml: YAMLFile) throws(ConfigError) {
        let fields = try yaml.mapping(
            node,
            allowed: ["name", "url", "postal_address", "support_email", "public_url", "link_secret_env"],
            what: "shop"
        )
        if let value = fields["name"] { name = try yaml.string(value, "shop.name") }
        if let value = fields["url"] { url = try Self.httpURL(value, "shop.url", yaml) }
        if let value = fields["postal_address"] { postalAddress = try yaml.string(value, "shop.postal_address") }
        if let value = fields["support_email"] {
            supportEmail = try yaml.string(value, "shop.support_email")
            guard supportEmail.contains("@") else {
                throw yaml.error(value, "shop.support_email: \"\(supportEmail)\" is not an email address")
            }
        }
        if let value = fields["public_url"] { publicURL = try Self.httpURL(value, "shop.public_url", yaml) }
        if let value = fields["link_secret_env"] {
            linkSecretVariable = try yaml.string(value, "shop.link_secret_env")
            guard linkSecretVariable.range(of: "^[A-Za-z_][A-Za-z0-9_]*$", options: .regularExpression) != nil else {
                throw yaml.error(value, "shop.link_secret_env must name an environment variable, not hold a secret")
            }
        }
    }

    private static func httpURL(_ node: Node, _ field: String, _ yaml: YAMLFile) throws(ConfigError) -> String {
        let text = try yaml.string(node, field)
        guard text.hasPrefix("http://") || text.hasPrefix("https://") else {
            throw yaml.error(node, "\(field): \"\(text)\" must start with http:// or https://")
        }
        return text.hasSuffix("/") ? String(text.dropLast()) : text
    }
}
