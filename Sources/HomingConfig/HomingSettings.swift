import Foundation
import HomingCore

/// `config/homing.yaml`: the store, the base currency and exchange rates, default locale and time zone,
/// and the delivery controls (quiet hours, frequency caps).
///
/// ```swift
/// let settings = try HomingSettings(yaml: text, file: "config/homing.yaml")
/// settings.rates.base.code     // "EUR"
/// settings.defaultLocale       // en
/// ```
///
/// Unknown keys are errors naming their line, so a typo never silently falls back to a default.
public struct HomingSettings: Sendable {
    public var storePath: String
    public var rates: ExchangeRates
    public var defaultLocale: LocaleTag
    public var defaultTimeZone: String
    /// Quiet hours and frequency caps; the defaults of ``DeliverySettings`` when the section is absent.
    public var delivery: DeliverySettings
    public var shop: ShopSettings

    public init(yaml text: String, file: String) throws(ConfigError) {
        let yaml = try YAMLFile(text: text, name: file)
        let top = try yaml.mapping(
            yaml.root,
            allowed: ["store", "base_currency", "fx_rates", "default_locale", "default_timezone", "delivery", "shop"],
            what: "homing.yaml"
        )
        storePath = "homing.db"
        if let store = top["store"] {
            let fields = try yaml.mapping(store, allowed: ["path"], what: "store")
            if let path = fields["path"] { storePath = try yaml.string(path, "store.path") }
        }
        guard let baseNode = top["base_currency"] else {
            throw yaml.error(yaml.root, "base_currency is required, e.g. EUR")
        }
        let baseCode = try yaml.string(baseNode, "base_currency")
        guard let base = Currency(baseCode) else {
            throw yaml.error(baseNode, "base_currency: \"\(baseCode)\" is not an ISO 4217 code")
        }
        var rates: [String: Double] = [:]
        if let fxNode = top["fx_rates"] {
            guard let mapping = fxNode.mapping else {
                throw yaml.error(fxNode, "fx_rates must map currency codes to rates")
            }
            for (key, value) in mapping {
                let code = try yaml.string(key, "fx_rates")
                guard Currency(code) != nil else {
                    throw yaml.error(key, "fx_rates: \"\(code)\" is not an ISO 4217 code")
                }
                let rate = try yaml.number(value, "fx_rates.\(code)")
                guard rate > 0 else { throw yaml.error(value, "fx_rates.\(code) must be greater than 0") }
                rates[code] = rate
            }
        }
        self.rates = ExchangeRates(base: base, rates: rates)
        defaultLocale = try! LocaleTag(parsing: "en")
        if let node = top["default_locale"] {
            let text = try yaml.string(node, "default_locale")
            do { defaultLocale = try LocaleTag(parsing: text) } catch {
                throw yaml.error(node, "default_locale: \(error.description)")
            }
        }
        defaultTimeZone = "UTC"
        if let node = top["default_timezone"] {
            let name = try yaml.string(node, "default_timezone")
            if let problem = ContactValidation.timeZoneProblem(name) {
                throw yaml.error(node, "default_timezone: \(problem)")
            }
            defaultTimeZone = name
        }
        delivery =
            try top["delivery"].map { node throws(ConfigError) in try DeliverySettings(node, yaml: yaml) }
            ?? DeliverySettings()
        shop = try top["shop"].map { node throws(ConfigError) in try ShopSettings(node, yaml: yaml) } ?? ShopSettings()
    }
}
