/// One rendered message, ready for a ``ChannelAdapter``.
///
/// ```swift
/// let message = OutgoingMessage(
///     recipient: "c_1042",
///     idempotencyKey: "msg_p5jXN8AQM9LWM0D4loKWxJek",
///     payload: .fields(["event": "win_back", "customer_id": "c_1042"])
/// )
/// ```
///
/// Deliberately small: each adapter reads what its channel needs, and new channels add payload
/// cases rather than optional fields that most adapters ignore.
public struct OutgoingMessage: Sendable, Hashable {
    /// What the message carries.
    public enum Payload: Sendable, Hashable {
        /// A flat JSON object of strings; encoded with sorted keys, so the bytes are stable.
        case fields([String: String])
        /// A JSON document sent byte for byte as given (it is what gets signed, too).
        case json([UInt8])
        /// An email: a subject and the same content as plain text and as HTML.
        case email(subject: String, text: String, html: String)
        /// The same email as the renderer's UTF-8 bytes, which must be valid UTF-8. Adapters that
        /// take `.email` take this too; it spares building three `String`s, which validates every
        /// byte of kilobytes of HTML per message, only for the adapter to write them out as bytes.
        case emailUTF8(subject: [UInt8], text: [UInt8], html: [UInt8])
        /// A short text, such as an SMS body.
        case text(String)
        /// A complete RFC 5322 message (headers and MIME body, CRLF line ends), sent as SMTP
        /// `DATA`; the envelope sender comes from the adapter's configuration.
        case mime([UInt8])
        /// A push notification.
        case push(PushNotification)

        /// A raw JSON body from text.
        public static func json(_ text: String) -> Payload { .json(Array(text.utf8)) }

        /// Which case this is, to compare with ``ChannelAdapter/payloadKind``.
        public var kind: PayloadKind {
            switch self {
            case .fields: .fields
            case .json: .json
            case .email, .emailUTF8: .email
            case .text: .text
            case .mime: .mime
            case .push: .push
            }
        }
    }

    /// The cases of ``Payload`` without their values: what an adapter asks the renderer for.
    public enum PayloadKind: String, Sendable, Hashable, CaseIterable {
        case fields, json, email, text, mime, push
    }

    /// The recipient's address on the channel: an email address, an E.164 number, a device
    /// token, or for webhooks the customer id. Mask it before logging.
    public var recipient: String
    /// The outbox row's idempotency key (DESIGN §5), sent to providers that accept one.
    public var idempotencyKey: String
    public var payload: Payload

    public init(recipient: String, idempotencyKey: String, payload: Payload) {
        self.recipient = recipient
        self.idempotencyKey = idempotencyKey
        self.payload = payload
    }
}
