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
    private let memo = Mutex<(all: [String: String], recent: [(url: String, text: String)])>(([:], []))

    init(message: String, channel: Channel) {
        utm =
            "utm_source=homing&utm_medium=\(channel.rawValue)&utm_campaign=\(RenderValues.journey(of: message))"
            + "&utm_content=\(message)"
    }

    /// `url` with the UTM parameters added to its query.
    func tagged(_ url: String) -> String {
        // The last few links are compared before the dictionary is hashed: a send's messages share one
        // shop's links, and comparing equal strings, often the same storage, costs less than hashing one.
        let known = memo.withLock { memo -> String? in
            // By index: `first(where:)` would hand each pair over as a copy, two retains.
            for index in memo.recent.indices where memo.recent[index].url == url { return memo.recent[index].text }
            return memo.all[url]
        }
        if let known { return known }
        let text = Self.tagged(url, utm)
        memo.withLock { memo in
            if memo.all.count >= 10_000 { memo.all.removeAll(keepingCapacity: true) }
            memo.all[url] = text
            if memo.recent.count >= 4 { memo.recent.removeFirst() }
            memo.recent.append((url, text))
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
