/// Which channels a `send` step uses: the first one that can reach the customer, or all that can.
///
/// ```swift
/// let zoe = Customer(id: "c1", email: "zoe@example.fr", phone: "+33612345678",
///                    consent: Consent(email: false, sms: true))
/// ChannelPreference.firstAvailable([.push, .email, .sms]).resolve(for: zoe)   // [.sms]
/// ChannelPreference.all([.email, .sms, .webhook]).resolve(for: zoe)           // [.sms, .webhook]
/// ```
///
/// A channel can reach a customer when they consented to it and have an address on it (a
/// non-empty email, phone or push token). Transactional messages bypass caps, never consent, so
/// this is the same for them. An empty result means the step sends nothing to this customer.
public enum ChannelPreference: Hashable, Sendable {
    case firstAvailable([DeliveryChannel])
    case all([DeliveryChannel])

    /// The channels listed, in order.
    public var channels: [DeliveryChannel] {
        switch self {
        case .firstAvailable(let channels), .all(let channels): channels
        }
    }

    /// The channels to send on for `customer`, in preference order.
    public func resolve(for customer: Customer) -> [DeliveryChannel] {
        switch self {
        case .firstAvailable(let channels):
            channels.first { Self.canReach(customer, on: $0) }.map { [$0] } ?? []
        case .all(let channels):
            channels.filter { Self.canReach(customer, on: $0) }
        }
    }

    /// Whether `customer` consented to `channel` and has an address on it.
    public static func canReach(_ customer: Customer, on channel: DeliveryChannel) -> Bool {
        guard customer.consent.allows(channel) else { return false }
        let address: String? =
            switch channel {
            case .email: customer.email
            case .sms: customer.phone
            case .push: customer.pushToken
            case .webhook: customer.id
            }
        return !(address ?? "").isEmpty
    }
}
