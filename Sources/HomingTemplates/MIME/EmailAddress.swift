/// A mailbox with an optional display name, written as a header value.
///
/// ```swift
/// EmailAddress("shop@example.com", name: "Maison Lumière").headerValue
/// // "=?UTF-8?B?TWFpc29uIEx1bWnDqHJl?= <shop@example.com>"
/// EmailAddress("a@example.com", name: "Smith, Jo").headerValue   // "\"Smith, Jo\" <a@example.com>"
/// ```
public struct EmailAddress: Hashable, Sendable {
    public var address: String
    public var name: String?

    public init(_ address: String, name: String? = nil) {
        self.address = address
        self.name = name
    }

    /// The domain after `@`, used for Message-IDs.
    public var domain: String {
        guard let at = address.utf8.lastIndex(of: UInt8(ascii: "@")) else { return "localhost" }
        return String(address[address.index(after: at)...])
    }

    /// RFC 5322 atext plus space: names made only of these need no quotes. Bit `b` of the pair's first
    /// word, or bit `b - 64` of its second, for each such ASCII byte `b`.
    private static let atextOrSpace: (UInt64, UInt64) = (0..<128).reduce((0, 0)) { masks, byte in
        let scalar = Unicode.Scalar(UInt8(byte))
        guard
            scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
                || " !#$%&'*+-/=?^_`{|}~".unicodeScalars.contains(scalar)
        else { return masks }
        return byte < 64 ? (masks.0 | 1 << UInt64(byte), masks.1) : (masks.0, masks.1 | 1 << UInt64(byte - 64))
    }

    public var headerValue: String {
        var out: [UInt8] = []
        appendHeaderValue(to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Writes ``headerValue`` into a message's bytes.
    func appendHeaderValue(to out: inout some ByteSink) {
        guard let name, !name.isEmpty else {
            out.appendUTF8(address)
            return
        }
        if EncodedWord.needsEncoding(name) {
            EncodedWord.append(name, to: &out)
        } else if ByteScan.allBytes(of: name, in: Self.atextOrSpace) {
            out.appendUTF8(name)
        } else {
            out.append(UInt8(ascii: "\""))
            for byte in name.utf8 {
                if byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "\"") { out.append(UInt8(ascii: "\\")) }
                out.append(byte)
            }
            out.append(UInt8(ascii: "\""))
        }
        out.appendUTF8(" <")
        out.appendUTF8(address)
        out.append(UInt8(ascii: ">"))
    }
}
