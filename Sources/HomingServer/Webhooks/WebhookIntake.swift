import HomingChannels
import HomingCore
import HomingEngine

/// What the inbound webhook routes need: where events go, how to value orders, and the secrets
/// that authenticate senders.
///
/// ```swift
/// let intake = WebhookIntake(
///     ingestor: EventIngestor(store: store, planner: planner),
///     rates: settings.rates,
///     shopify: ShopifySignature(secrets: [env["HOMING_SHOPIFY_SECRET"], env["HOMING_SHOPIFY_SECRET_PREVIOUS"]].compactMap(\.self)),
///     events: try env["HOMING_EVENTS_SECRET"].map(WebhookSigner.init(secret:))
/// )
/// ```
///
/// A sender whose secret is not configured is refused with 401 naming the variable to set:
/// nothing is accepted unauthenticated.
public struct WebhookIntake: Sendable {
    public var ingestor: EventIngestor
    public var rates: ExchangeRates
    public var shopify: ShopifySignature
    public var events: WebhookSigner?

    public init(ingestor: EventIngestor, rates: ExchangeRates, shopify: ShopifySignature, events: WebhookSigner?) {
        self.ingestor = ingestor
        self.rates = rates
        self.shopify = shopify
        self.events = events
    }
}
