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

    /// RFC 5322 atext plus space: names made only of these need no quotes.
    private static let atextOrSpace: [Bool] = (0..<256).map { byte in
        guard byte < 128 else { return false }
        let scalar = Unicode.Scalar(UInt8(byte))
        return scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
            || " !#$%&'*+-/=?^_`{|}~".unicodeScalars.contains(scalar)
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
        } else if name.utf8.allSatisfy({ Self.atextOrSpace[Int($0)] }) {
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
