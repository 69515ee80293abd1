import CCurl

extension Transfer {
    /// The HTTP response, built on the caller's thread from what the loop collected and what the
    /// handle says about the finished transfer; throws the transfer's error if it failed.
    func response() throws(TransportError) -> HTTPResponse {
        try checkResult()
        return HTTPResponse(
            status: info(CURLINFO_RESPONSE_CODE),
            headers: handle.receivedHeaders.withBytes(Self.parseHeaders),
            body: responseBody,
            version: Self.version(info(CURLINFO_HTTP_VERSION)),
            connection: HTTPResponse.Connection(
                localPort: info(CURLINFO_LOCAL_PORT),
                reused: info(CURLINFO_NUM_CONNECTS) == 0
            )
        )
    }

    /// Throws the error libcurl finished the transfer with, if any.
    func checkResult() throws(TransportError) {
        guard let result else {
            // The loop resumes only after storing a result or failing the waiter, so this is a bug.
            throw TransportError(kind: .other, message: "the transfer ended without a result", url: url)
        }
        guard result == CURLE_OK else {
            throw TransportError(curlCode: result, detail: String(cString: handle.errorBuffer), url: url)
        }
    }

    /// A number the handle reports about the finished transfer; 0 when libcurl has none.
    func info(_ name: CURLINFO) -> Int {
        var value = 0
        return ccurl_easy_getinfo_long(easy, name, &value) == CURLE_OK ? value : 0
    }

    private static func version(_ code: Int) -> HTTPVersion {
        switch code {
        case Int(CURL_HTTP_VERSION_1_0): return .http1_0
        case Int(CURL_HTTP_VERSION_1_1): return .http1_1
        case Int(CURL_HTTP_VERSION_2_0): return .http2
        case Int(CURL_HTTP_VERSION_3): return .http3
        default: return .unknown
        }
    }

    /// The fields of the last header block in `raw` (every line libcurl delivered, CRLF included). A
    /// status line starts a new block (after `100 Continue` or a redirect), so only the final
    /// response's fields remain. Works on bytes, not `Character`s.
    static func parseHeaders(_ bytes: UnsafeRawBufferPointer) -> HTTPHeaders {
        var headers = HTTPHeaders()
        var start = 0
        while start < bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
            add(line: UnsafeRawBufferPointer(rebasing: bytes[start..<end]), to: &headers)
            start = end + 1
        }
        return headers
    }

    private static func add(line raw: UnsafeRawBufferPointer, to headers: inout HTTPHeaders) {
        let isBlank: (UInt8) -> Bool = { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
        var end = raw.count
        while end > 0, raw[end - 1] == UInt8(ascii: "\n") || raw[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        let line = UnsafeRawBufferPointer(rebasing: raw[0..<end])
        guard let first = line.first else { return }
        if line.starts(with: "HTTP/".utf8) {
            headers = HTTPHeaders()
        } else if isBlank(first), let last = headers.fields.last {
            // An obsolete folded continuation line (RFC 9112 §5.2) belongs to the previous field.
            headers.replaceLast(value: last.value + " " + trimmed(line[...], isBlank))
        } else if let colon = line.firstIndex(of: UInt8(ascii: ":")) {
            let name = String(decoding: line[..<colon], as: UTF8.self)
            headers.add(name, trimmed(line[(colon + 1)...], isBlank))
        }
    }

    private static func trimmed(_ bytes: Slice<UnsafeRawBufferPointer>, _ isBlank: (UInt8) -> Bool) -> String {
        guard let start = bytes.firstIndex(where: { !isBlank($0) }) else { return "" }
        let last = bytes.lastIndex(where: { !isBlank($0) })!
        return String(decoding: bytes[start...last], as: UTF8.self)
    }
}
