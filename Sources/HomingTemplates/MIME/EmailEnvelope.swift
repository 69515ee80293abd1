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
        guard var key = idempotencyKey, ByteScan.allBytes(of: key, in: Self.atextMasks) else { return slowMessageID }
        // The common case, an ASCII key: written as bytes in one allocation, once per message, with the
        // domain read from the address in place (``EmailAddress/domain`` when it is not ASCII).
        var address = from.address
        let id: String? = key.withUTF8 { key in
            address.withUTF8 { address in
                let at = address.lastIndex(of: UInt8(ascii: "@"))
                if let at, at + 1 < address.count, address[at + 1] >= 0x80 { return nil }
                let domain = at.map { address.count - $0 - 1 } ?? "localhost".utf8.count
                return String(unsafeUninitializedCapacity: 10 + key.count + domain) { buffer in
                    var out = ByteWriter(buffer.baseAddress!, capacity: buffer.count)
                    out.append("<homing.")
                    out.append(key)
                    out.append("@")
                    if let at {
                        out.append(UnsafeBufferPointer(rebasing: address[(at + 1)...]))
                    } else {
                        out.append("localhost")
                    }
                    out.append(">")
                    return out.count
                }
            }
        }
        return id ?? slowMessageID
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

    /// ``isAtext(_:)`` for every ASCII byte, as two 64-bit masks (``ByteScan/allBytes(of:in:)``) instead
    /// of a switch over ranges.
    private static let atextMasks: (UInt64, UInt64) = (0..<128).reduce((0, 0)) { masks, byte in
        guard isAtext(Unicode.Scalar(UInt8(byte))) else { return masks }
        return byte < 64 ? (masks.0 | 1 << UInt64(byte), masks.1) : (masks.0, masks.1 | 1 << UInt64(byte - 64))
    }

    private static func isAtext(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", "!", "#"..."'", "*", "+", "-"..."/", "=", "?", "^"..."`", "{"..."~": true
        default: false
        }
    }
}
