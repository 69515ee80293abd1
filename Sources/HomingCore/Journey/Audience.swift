/// Who may enter a journey: segments, locales and consent. Every filter left nil lets everyone through.
///
/// ```swift
/// let audience = Audience(segments: ["at_risk"], localePrefixes: ["fr", "zh"], consent: .anyChannel)
/// audience.admits(segment: "at_risk", locale: try LocaleTag(parsing: "zh-Hant-TW"),
///                 consent: Consent(email: true))   // true
/// ```
///
/// Consent here only keeps people with no way to be reached out of the enrolment; it is checked
/// again per message at send time (DESIGN §5).
public struct Audience: Hashable, Sendable {
    /// The customer's current segment must be one of these.
    public var segments: Set<String>?
    /// BCP 47 prefixes matched on whole subtags: `zh` matches `zh-Hant-TW`, `fr` does not match `fry`.
    public var localePrefixes: [String]?
    public var consent: ConsentRequirement?

    /// Consent a customer must have given to enter: YAML `consent: any` or `consent: [email, sms]`.
    ///
    /// ```swift
    /// Audience.ConsentRequirement.channels([.email])   // only customers who accepted email
    /// ```
    public enum ConsentRequirement: Hashable, Sendable {
        /// Consent to at least one of email, SMS and push.
        case anyChannel
        /// Consent to every one of these channels.
        case channels(Set<DeliveryChannel>)
    }

    public init(segments: Set<String>? = nil, localePrefixes: [String]? = nil, consent: ConsentRequirement? = nil) {
        self.segments = segments
        self.localePrefixes = localePrefixes
        self.consent = consent
    }

    /// Whether a customer in `segment`, speaking `locale`, with `consent`, may enter.
    public func admits(segment: String?, locale: LocaleTag?, consent: Consent) -> Bool {
        if let segments, !segments.contains(segment ?? "") { return false }
        if let localePrefixes, !localePrefixes.contains(where: { Self.locale(locale, hasPrefix: $0) }) {
            return false
        }
        switch self.consent {
        case nil: return true
        case .anyChannel: return consent.email || consent.sms || consent.push
        case .channels(let channels): return channels.allSatisfy { consent.allows($0) }
        }
    }

    /// Whether `prefix` names `locale` or a broader tag of it, subtag by subtag, ignoring case.
    /// Chinese tags also match by implied script, so `zh-Hant` matches `zh-TW`.
    public static func locale(_ locale: LocaleTag?, hasPrefix prefix: String) -> Bool {
        guard let locale else { return false }
        let wanted = prefix.lowercased().split(separator: "-")
        let spelled = [locale.description]
        let withScript =
            locale.script == nil
            ? locale.impliedScript.map { script in
                ([locale.language, script] + (locale.region.map { [$0] } ?? [])).joined(separator: "-")
            }
            : nil
        return (spelled + (withScript.map { [$0] } ?? [])).contains { tag in
            let subtags = tag.lowercased().split(separator: "-")
            return subtags.count >= wanted.count && Array(subtags.prefix(wanted.count)) == wanted
        }
    }
}

extension Consent {
    /// Whether this consent covers `channel`; a webhook needs none.
    public func allows(_ channel: DeliveryChannel) -> Bool {
        switch channel {
        case .email: email
        case .sms: sms
        case .push: push
        case .webhook: true
        }
    }
}
