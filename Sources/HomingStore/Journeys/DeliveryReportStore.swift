import HomingCore

/// Where provider callbacks land: delivery states on outbox rows, suppressions, withdrawn consent.
///
/// ```swift
/// let report = DeliveryReport(
///     channel: .email,
///     message: MessageReference(outboxKey: "msg_9f2c", providerMessageIDs: ["Gs1Xk0bdRxWzFG9gvdRwXw"]),
///     delivery: .bounced,
///     at: .now,
///     address: "ana@example.com",
///     suppression: "sendgrid bounce: 550 5.1.1 no such user"
/// )
/// let summary = try store.applyDeliveryReports([report], now: .now)
/// ```
///
/// One call is one transaction: a provider's batch is applied whole or not at all. Every effect is
/// idempotent (a redelivered callback changes nothing more), and a delivery state never goes back:
/// a late `delivered` does not overwrite `bounced`, and `spam` or `unsubscribed` win over both.
public protocol DeliveryReportStore: SMSOptInStore {
    func applyDeliveryReports(_ reports: [DeliveryReport], now: Instant) throws -> DeliveryReportSummary

    /// The provider-reported state of the outbox row with this key, if any was reported.
    func providerDelivery(outboxKey: String) throws -> (delivery: ProviderDelivery, at: Instant)?
}

/// What a provider said about a message after accepting it (the outbox row stays `sent`).
public enum ProviderDelivery: String, Sendable, Hashable, CaseIterable {
    case delivered, bounced, blocked, dropped, undelivered, failed, spam, unsubscribed

    /// Later words outrank earlier ones: a recipient's complaint outranks any failure, which
    /// outranks delivery; providers do not promise to report in order.
    public var rank: Int {
        switch self {
        case .delivered: 1
        case .bounced, .blocked, .dropped, .undelivered, .failed: 2
        case .spam, .unsubscribed: 3
        }
    }
}

/// How a callback names our message: the outbox key we sent along, or the provider's own id.
public struct MessageReference: Sendable, Hashable {
    /// The outbox row's idempotency key, where the provider echoes it (SendGrid's `custom_args`).
    public var outboxKey: String?
    /// Candidates for the stored `provider_message_id` (Twilio's `MessageSid`, SendGrid's `X-Message-Id`).
    public var providerMessageIDs: [String]

    public init(outboxKey: String? = nil, providerMessageIDs: [String] = []) {
        self.outboxKey = outboxKey
        self.providerMessageIDs = providerMessageIDs
    }
}

/// One provider event, as the store applies it.
public struct DeliveryReport: Sendable, Hashable {
    public var channel: DeliveryChannel
    /// The outbox row it is about; nil for reports about an address only (an inbound STOP).
    public var message: MessageReference?
    /// The state to record on the row; nil records none.
    public var delivery: ProviderDelivery?
    public var at: Instant
    /// The recipient the provider names; the matched row's customer's stored address counts too.
    public var address: String?
    /// When set, the address goes on the channel's suppression list with this reason.
    public var suppression: String?
    /// Withdraws consent on the channel of every customer at the address (and the row's customer).
    public var withdrawsConsent: Bool

    public init(
        channel: DeliveryChannel,
        message: MessageReference? = nil,
        delivery: ProviderDelivery? = nil,
        at: Instant,
        address: String? = nil,
        suppression: String? = nil,
        withdrawsConsent: Bool = false
    ) {
        self.channel = channel
        self.message = message
        self.delivery = delivery
        self.at = at
        self.address = address
        self.suppression = suppression
        self.withdrawsConsent = withdrawsConsent
    }
}

/// What a batch of reports changed.
public struct DeliveryReportSummary: Sendable, Hashable {
    /// Reports naming a message that matched an outbox row.
    public var matched = 0
    /// Reports naming a message no outbox row has (sent by something else, or since deleted).
    public var unmatched = 0
    /// Suppression rows added (an address already listed is not counted again).
    public var suppressed = 0
    /// Customers whose consent changed from given to withdrawn.
    public var consentWithdrawn = 0

    public init() {}
}
