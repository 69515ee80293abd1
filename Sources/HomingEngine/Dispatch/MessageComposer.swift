import Crypto
import Foundation
import HomingChannels
import HomingCore
import HomingStore
import HomingTemplates

/// Renders a claimed outbox row into the payload its channel's adapter sends.
///
/// ```swift
/// let composer = MessageComposer(renderer: MessageRenderer(catalog: catalog), profile: profile, store: store)
/// let composed = try composer.compose(row, channel: .email, kind: adapter.payloadKind, now: .now)
/// await adapter.deliver(composed.message)
/// ```
///
/// Everything variable — the offer code, the order — was fixed when the send was planned or is
/// read from the store, so a retry renders the same message.
public struct MessageComposer: Sendable {
    public let renderer: MessageRenderer
    public let profile: MessageProfile
    /// Where orders of order-triggered sends are read; nil renders without them.
    let store: (any Store)?
    /// How the shop URL takes a query, decided once rather than searched for per message.
    private let shopQuerySeparator: String
    /// The link secret keyed once: keying the HMAC per message was most of the token's cost.
    private let signer: UnsubscribeToken.Signer

    public init(renderer: MessageRenderer, profile: MessageProfile, store: (any Store)?) {
        self.renderer = renderer
        self.profile = profile
        self.store = store
        shopQuerySeparator = profile.shop.url.contains("?") ? "&" : "?"
        signer = UnsubscribeToken.Signer(secret: SymmetricKey(data: profile.linkSecret))
    }

    /// The message and the locale its parts resolved to.
    public struct Composed: Sendable {
        public var message: OutgoingMessage
        public var locale: LocaleTag?
    }

    public func compose(
        _ row: ClaimedMessage,
        channel: DeliveryChannel,
        kind: OutgoingMessage.PayloadKind,
        now: Instant
    ) throws -> Composed {
        let customer = row.recipient.customer
        let address = Self.address(of: customer, on: channel) ?? ""
        if kind == .fields {
            let fields = [
                "event": row.message, "journey": row.journey, "customer_id": customer.id, "channel": channel.rawValue,
            ]
            return Composed(
                message: OutgoingMessage(recipient: address, idempotencyKey: row.key, payload: .fields(fields)),
                locale: nil
            )
        }
        let context = try context(for: row, channel: channel)
        return try compose(
            row.message,
            journey: row.journey,
            key: row.key,
            channel: channel,
            kind: kind,
            context: context,
            address: address,
            now: now
        )
    }

    /// Renders `message` for `context` into the payload `kind` for `address`: the part of
    /// ``compose(_:channel:kind:now:)`` that needs no store, also used by `homing send`.
    public func compose(
        _ message: String,
        journey: String,
        key: String,
        channel: DeliveryChannel,
        kind: OutgoingMessage.PayloadKind,
        context: MessageContext,
        address: String,
        now: Instant
    ) throws -> Composed {
        if kind == .fields {
            let fields = ["event": message, "journey": journey, "channel": channel.rawValue, "recipient": address]
            return Composed(
                message: OutgoingMessage(recipient: address, idempotencyKey: key, payload: .fields(fields)),
                locale: nil
            )
        }
        let templateChannel: HomingTemplates.Channel = channel == .sms ? .sms : channel == .push ? .push : .email
        let rendered = try renderer.render(message, channel: templateChannel, context: context)
        let payload: OutgoingMessage.Payload
        switch kind {
        case .mime:
            let name = [context.customer.firstName, context.customer.lastName].compactMap(\.self).joined(separator: " ")
            let envelope = EmailEnvelope(
                from: EmailAddress(profile.shop.supportEmail, name: profile.shop.name),
                to: EmailAddress(address, name: name.isEmpty ? nil : name),
                replyTo: EmailAddress(profile.shop.supportEmail, name: profile.shop.name),
                unsubscribeURL: context.links.unsubscribeURL,
                idempotencyKey: key,
                date: Date(timeIntervalSince1970: Double(now.millisecondsSince1970) / 1000)
            )
            payload = .mime(try MIMEEmail(rendered, envelope: envelope).bytes)
        case .email:
            // Bytes as rendered: the adapter writes them out as bytes, so a `String` of each part
            // would only validate kilobytes of UTF-8 per message.
            payload = .emailUTF8(
                subject: rendered.utf8(.emailSubject) ?? [],
                text: rendered.utf8(.emailText) ?? [],
                html: rendered.utf8(.emailHTML) ?? []
            )
        case .push:
            payload = .push(
                PushNotification(
                    title: rendered[.pushTitle] ?? "",
                    body: rendered[.pushBody] ?? "",
                    collapseID: message,
                    data: ["journey": journey, "message": message]
                )
            )
        case .text, .json, .fields:
            payload = .text(rendered[.smsText] ?? rendered[.pushBody] ?? rendered[.emailText] ?? "")
        }
        return Composed(
            message: OutgoingMessage(recipient: address, idempotencyKey: key, payload: payload),
            locale: rendered.resolvedLocale
        )
    }

    /// The customer's address on a channel; webhooks address the customer by id.
    public static func address(of customer: Customer, on channel: DeliveryChannel) -> String? {
        switch channel {
        case .email: customer.email
        case .sms: customer.phone
        case .push: customer.pushToken
        case .webhook: customer.id
        }
    }

    func context(for row: ClaimedMessage, channel: DeliveryChannel) throws -> MessageContext {
        let customer = row.recipient.customer
        let locale = customer.locale ?? profile.defaultLocale
        let timeZone =
            customer.timeZone.flatMap(TimeZoneCache.zone) ?? TimeZoneCache.zone(profile.defaultTimeZone)
            ?? TimeZone(identifier: "UTC")!
        let scope = UnsubscribeToken.Scope(rawValue: channel.rawValue) ?? .all
        let token = signer.sign(UnsubscribeToken(customerID: customer.id, scope: scope, issuedAt: .now))
        let unsubscribeURL = "\(profile.publicURL)/u/\(token)"
        let utm =
            "utm_source=homing&utm_medium=\(channel.rawValue)&utm_campaign=\(row.journey)&utm_content=\(row.message)"
        let shopURL = profile.shop.url + shopQuerySeparator + utm
        var order: MessageContext.Order?
        if !row.triggerKey.isEmpty, let placed = try store?.order(id: row.triggerKey) {
            order =
                MessageContext.preview(
                    customer: customer,
                    order: placed,
                    defaultLocale: profile.defaultLocale,
                    defaultTimeZone: profile.defaultTimeZone
                ).order
        }
        return MessageContext(
            customer: .init(
                firstName: customer.firstName,
                lastName: customer.lastName,
                email: customer.email,
                phone: customer.phone
            ),
            shop: profile.shop,
            order: order,
            offer: row.offer.flatMap(PlannedOffer.init(encoded:)).map(\.context),
            links: .init(
                shopURL: shopURL,
                unsubscribeURL: unsubscribeURL,
                preferencesURL: unsubscribeURL,
                reviewURL: order.map { "\(profile.shop.url)/orders/\($0.number)/review?\(utm)" }
            ),
            locale: locale,
            timeZone: timeZone
        )
    }
}
