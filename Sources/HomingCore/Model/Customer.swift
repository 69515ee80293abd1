/// A shop's customer as Homing knows them: how to reach them, in which language and time zone,
/// and what they consented to.
///
/// ```swift
/// let zoe = Customer(id: "c42", email: "zoe@example.fr", locale: try LocaleTag(parsing: "fr"),
///                    timeZone: "Europe/Paris", consent: Consent(email: true))
/// ```
public struct Customer: Hashable, Sendable {
    /// The shop's id for the customer (1–64 characters).
    public var id: String
    public var email: String?
    /// E.164, e.g. `+33612345678`.
    public var phone: String?
    public var pushToken: String?
    public var firstName: String?
    public var lastName: String?
    public var locale: LocaleTag?
    /// IANA name, e.g. `Europe/Paris`.
    public var timeZone: String?
    /// ISO 3166-1 alpha-2, e.g. `FR`.
    public var country: String?
    public var signupAt: Instant?
    public var consent: Consent

    public init(
        id: String,
        email: String? = nil,
        phone: String? = nil,
        pushToken: String? = nil,
        firstName: String? = nil,
        lastName: String? = nil,
        locale: LocaleTag? = nil,
        timeZone: String? = nil,
        country: String? = nil,
        signupAt: Instant? = nil,
        consent: Consent = Consent()
    ) {
        self.id = id
        self.email = email
        self.phone = phone
        self.pushToken = pushToken
        self.firstName = firstName
        self.lastName = lastName
        self.locale = locale
        self.timeZone = timeZone
        self.country = country
        self.signupAt = signupAt
        self.consent = consent
    }
}

/// Which channels a customer agreed to receive marketing on. Absent consent is no consent.
public struct Consent: Hashable, Sendable {
    public var email: Bool
    public var sms: Bool
    public var push: Bool

    public init(email: Bool = false, sms: Bool = false, push: Bool = false) {
        self.email = email
        self.sms = sms
        self.push = push
    }
}
