import HomingCore
import HomingStore
import Synchronization

/// What the routes share: the store, the key that signs links, and whether the dispatcher runs.
///
/// ```swift
/// let context = ServerContext(store: store, linkSecret: Array(secret.utf8), defaultLocale: try LocaleTag(parsing: "en"))
/// ```
public final class ServerContext: Sendable {
    public let store: any Store
    public let linkSecret: [UInt8]
    public let defaultLocale: LocaleTag
    /// Told what each webhook request came to (metrics).
    public let webhookObserver: any WebhookObserver
    /// The largest webhook body accepted; larger ones get 413.
    public let bodyLimit: Int
    /// The inbound webhooks' ingestor and secrets; without it those routes are not served.
    public let intake: WebhookIntake?
    /// What verifies SendGrid and Twilio callbacks; by default every callback is refused (401).
    public let providerCallbacks: ProviderCallbackKeys
    /// Where callbacks are written: the one passed, else the store if it records delivery reports.
    public let deliveryReports: (any DeliveryReportStore)?
    private let dispatching = Atomic<Bool>(false)

    public init(
        store: any Store,
        linkSecret: [UInt8],
        defaultLocale: LocaleTag,
        webhookObserver: any WebhookObserver = IgnoringWebhookObserver(),
        bodyLimit: Int = InboundBody.defaultLimit,
        intake: WebhookIntake? = nil,
        providerCallbacks: ProviderCallbackKeys = .unconfigured,
        deliveryReports: (any DeliveryReportStore)? = nil
    ) {
        self.bodyLimit = bodyLimit
        self.intake = intake
        self.providerCallbacks = providerCallbacks
        self.deliveryReports = deliveryReports ?? (store as? any DeliveryReportStore)
        self.store = store
        self.linkSecret = linkSecret
        self.defaultLocale = defaultLocale
        self.webhookObserver = webhookObserver
    }

    /// Whether the in-process dispatcher is running (for `/readyz`).
    public var dispatcherRunning: Bool {
        get { dispatching.load(ordering: .relaxed) }
        set { dispatching.store(newValue, ordering: .relaxed) }
    }
}
