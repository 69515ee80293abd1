import Synchronization

/// The shop and review links of one message on one channel, with UTM parameters for its journey.
///
/// ```swift
/// let links = TaggedLinks(message: "win-back-offer", channel: .email)
/// links.tagged("https://shop.example")
/// // "https://shop.example/?utm_source=homing&utm_medium=email&utm_campaign=win-back&utm_content=win-back-offer"
/// ```
///
/// Every customer of a shop gets the same shop link, so each tagged URL is remembered (up to 10,000)
/// instead of built again for every message.
final class TaggedLinks: Sendable {
    /// `utm_source=homing&utm_medium=…&utm_campaign=…&utm_content=…`.
    let utm: String
    private let memo = Mutex<[String: String]>([:])

    init(message: String, channel: Channel) {
        utm =
            "utm_source=homing&utm_medium=\(channel.rawValue)&utm_campaign=\(RenderValues.journey(of: message))"
            + "&utm_content=\(message)"
    }

    /// `url` with the UTM parameters added to its query.
    func tagged(_ url: String) -> String {
        if let text = memo.withLock({ $0[url] }) { return text }
        let text = Self.tagged(url, utm)
        memo.withLock { memo in
            if memo.count >= 10_000 { memo.removeAll(keepingCapacity: true) }
            memo[url] = text
        }
        return text
    }

    /// `url` with `utm` added to its query, before any fragment; `https://host` gains its `/` first.
    static func tagged(_ url: String, _ utm: String) -> String {
        // One pass over the bytes before the fragment: two per message, every message.
        var url = url
        let (end, slashes, colon, query) = url.withUTF8 { bytes in
            var (slashes, colon, query) = (0, false, false)
            for index in bytes.indices {
                switch bytes[index] {
                case UInt8(ascii: "#"): return (index, slashes, colon, query)
                case UInt8(ascii: "/"): slashes += 1
                case UInt8(ascii: ":"): colon = true
                case UInt8(ascii: "?"): query = true
                default: break
                }
            }
            return (bytes.count, slashes, colon, query)
        }
        let hash = url.utf8.index(url.utf8.startIndex, offsetBy: end)
        var result = ""
        result.reserveCapacity(url.utf8.count + utm.utf8.count + 2)
        result += url[..<hash]
        if slashes == 2, colon { result += "/" }  // https://host → https://host/
        result += query ? "&" : "?"
        result += utm
        result += url[hash...]
        return result
    }
}
