/// A `send` step: a message from the template catalog on the channels its preference picks.
///
/// ```swift
/// let offer = SendStep(message: "win-back-offer", channels: .firstAvailable([.email]),
///                      offer: Offer(percent: 15, validForSeconds: 14 * 86_400, codePrefix: "WB"))
/// ```
///
/// `transactional` messages (receipts, order confirmations) bypass frequency caps; consent and
/// the suppression list apply to every message.
public struct SendStep: Hashable, Sendable {
    /// A message directory under `templates/<locale>/`.
    public var message: String
    public var channels: ChannelPreference
    public var transactional: Bool
    public var offer: Offer?

    public init(
        message: String,
        channels: ChannelPreference = .firstAvailable([.email]),
        transactional: Bool = false,
        offer: Offer? = nil
    ) {
        self.message = message
        self.channels = channels
        self.transactional = transactional
        self.offer = offer
    }
}

/// A promotion attached to a send: a percentage off with a per-customer code.
///
/// ```swift
/// Offer(percent: 15, validForSeconds: 14 * 86_400, codePrefix: "WB")   // codes like WB-…
/// ```
public struct Offer: Hashable, Sendable {
    /// 1–100.
    public var percent: Int
    /// How long the code works after the message is planned.
    public var validForSeconds: Int64
    /// Upper-case letters and digits the generated code starts with.
    public var codePrefix: String

    public init(percent: Int, validForSeconds: Int64, codePrefix: String) {
        self.percent = percent
        self.validForSeconds = validForSeconds
        self.codePrefix = codePrefix
    }
}
