import Foundation
import NIOCore
import NIOHTTP1

/// A complete HTTP request as the endpoints see it: method, path without query, headers, body.
///
/// ```swift
/// let request = SinkHTTPRequest(head: head, body: body)
/// request.json()?["message"]   // the parsed body, or nil when it is not a JSON object
/// ```
struct SinkHTTPRequest {
    var method: HTTPMethod
    var path: String
    var headers: HTTPHeaders
    var body: ByteBuffer

    init(head: HTTPRequestHead, body: ByteBuffer) {
        method = head.method
        path = String(head.uri.prefix(while: { $0 != "?" }))
        headers = head.headers
        self.body = body
    }

    var bodyText: String { String(buffer: body) }

    /// The body as a JSON object, or nil.
    func json() -> [String: Any]? {
        try? JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any]
    }

    /// The body as `application/x-www-form-urlencoded` fields (`+` is a space), or nil when a
    /// field does not decode.
    func form() -> [String: String]? {
        var fields: [String: String] = [:]
        for pair in bodyText.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let decode = { (text: Substring) in text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding }
            guard let name = decode(parts[0]), let value = decode(parts.count > 1 ? parts[1] : "") else { return nil }
            fields[name] = value
        }
        return fields
    }

    /// The path's segments, so `/3/device/abc` gives `["3", "device", "abc"]`.
    var segments: [Substring] { path.split(separator: "/") }
}
