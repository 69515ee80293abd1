import HomingCore

/// Where an SMS opt-in reply (Twilio `START`, `UNSTOP`, `YES`) is applied; every
/// ``DeliveryReportStore`` is one, since the same callbacks bring opt-outs and opt-ins.
///
/// ```swift
/// let change = try store.applySMSOptIn(phone: "+33612345678")   // (lifted: 1, consentGranted: 2)
/// ```
///
/// Only what an SMS opt-out created is lifted (``optOutReasons``): an invalid-number or
/// unreachable suppression stays, since the number still cannot take messages. SMS consent comes
/// back only to customers with that phone whose consent the recipient withdrew (a STOP-family
/// reply, Twilio error 21610, an unsubscribe link): a reply never grants consent a customer did not
/// have. A number Homing does not know changes nothing.
public protocol SMSOptInStore: Sendable {
    func applySMSOptIn(phone: String) throws -> SMSOptIn
}

/// What one opt-in reply changed.
public struct SMSOptIn: Sendable, Hashable {
    /// SMS suppressions of the number that were lifted.
    public var lifted: Int
    /// Customers whose withdrawn SMS consent was given back.
    public var consentGranted: Int

    public init(lifted: Int = 0, consentGranted: Int = 0) {
        self.lifted = lifted
        self.consentGranted = consentGranted
    }

    /// The suppression reasons an SMS opt-out writes: the recipient's STOP reply, and Twilio's
    /// error 21610 (the recipient had replied STOP to Twilio itself).
    public static let optOutReasons = ["sms opt-out reply", "twilio error 21610"]
}
