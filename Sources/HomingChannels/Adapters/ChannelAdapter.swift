import HomingCore

/// Turns an ``OutgoingMessage`` into a provider request and the provider's answer into a
/// ``DeliveryOutcome``. One conforming type per provider, one file each in `Adapters/`.
///
/// ```swift
/// let adapter: any ChannelAdapter = try WebhookAdapter(
///     configuration: WebhookConfiguration(url: "https://hooks.example.com/homing", secretVariable: "HOMING_WEBHOOK_SECRET"),
///     transport: transport
/// )
/// let message = OutgoingMessage(recipient: "c_1042", idempotencyKey: "msg_9f2c", payload: .fields(["event": "welcome"]))
/// switch await adapter.deliver(message) {
/// case .delivered: break
/// case .retryable(_, let notBefore): print("retry at", notBefore ?? .now)
/// case .permanentFailure(let reason), .invalidRecipient(let reason): print(adapter.channel, reason)
/// }
/// ```
///
/// `deliver` never throws: a transport error is an outcome too (``HTTPOutcomeClassifier``), so the
/// dispatcher has one place to decide between marking sent, retrying, dead-lettering and
/// suppressing. Adapters are shared by concurrent sends, hence `Sendable`.
public protocol ChannelAdapter: Sendable {
    /// The channel this adapter serves: `"email"`, `"sms"`, `"push"` or `"webhook"`.
    var channel: String { get }

    /// The payload this adapter sends, so the dispatcher renders just that: SMTP wants `.mime`,
    /// SendGrid `.email`, Twilio `.text`, FCM and APNs `.push`, webhooks `.fields`.
    var payloadKind: OutgoingMessage.PayloadKind { get }

    /// Sends one message and classifies what happened. Sending the same idempotency key twice
    /// must be safe: delivery is at-least-once.
    func deliver(_ message: OutgoingMessage) async -> DeliveryOutcome
}
