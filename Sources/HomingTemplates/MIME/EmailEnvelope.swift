import Foundation

/// Who an email is from and to, and the headers that are not template text.
///
/// ```swift
/// let envelope = EmailEnvelope(
///     from: EmailAddress("hello@shop.example", name: "Maison Lumière"),
///     to: EmailAddress("zoe@example.com", name: "Zoë Martin"),
///     unsubscribeMailto: "unsubscribe+c42@shop.example",
///     unsubscribeURL: "https://shop.example/u/c42",
///     idempotencyKey: "win-back/e17/2/c42/email")
/// ```
///
/// The idempotency key becomes `X-Homing-Key` and the Message-ID, so a retried send is recognisably the
/// same message; without one the Message-ID is random.
public struct EmailEnvelope: Sendable {
    public var from: EmailAddress
    public var to: EmailAddress
    public var replyTo: EmailAddress?
    /// The address of the one-click `mailto:` unsubscribe, without the scheme.
    public var unsubscribeMailto: String?
    /// The HTTPS one-click unsubscribe endpoint (RFC 8058): it must accept a POST.
    public var unsubscribeURL: String
    public var idempotencyKey: String?
    public var date: Date

    public init(
        from: EmailAddress,
        to: EmailAddress,
        replyTo: EmailAddress? = nil,
        unsubscribeMailto: String? = nil,
        unsubscribeURL: String,
        idempotencyKey: String? = nil,
        date: Date = Date()
    ) {
        self.from = from
        self.to = to
        self.replyTo = replyTo
        self.unsubscribeMailto = unsubscribeMailto
        self.unsubscribeURL = unsubscribeURL
        self.idempotencyKey = idempotencyKey
        self.date = date
    }

    /// `<homing.KEY@domain>` with the key's unsafe characters replaced, or a random id.
    public var messageID: String {
        guard var key = idempotencyKey, key.utf8.allSatisfy({ $0 < 0x80 && Self.isAtext(Unicode.Scalar($0)) }) else {
            return slowMessageID
        }
        // The common case, an ASCII key: written as bytes in one allocation, once per message.
        var domain = from.domain
        return key.withUTF8 { key in
            domain.withUTF8 { domain in
                String(unsafeUninitializedCapacity: 10 + key.count + domain.count) { buffer in
                    var out = ByteWriter(buffer.baseAddress!, capacity: buffer.count)
                    out.append("<homing.")
                    out.append(key)
                    out.append("@")
                    out.append(domain)
                    out.append(">")
                    return out.count
                }
            }
        }
    }

    private var slowMessageID: String {
        var id = "<homing."
        if let key = idempotencyKey {
            id.unicodeScalars.append(contentsOf: key.unicodeScalars.lazy.map { Self.isAtext($0) ? $0 : "-" })
        } else {
            id += UUID().uuidString.lowercased()
        }
        id += "@"
        id += from.domain
        id += ">"
        return id
    }

    private static func isAtext(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", "!", "#"..."'", "*", "+", "-"..."/", "=", "?", "^"..."`", "{"..."~": true
        default: false
        }
    }
}
