import CCurl

/// The header lines a ``Transport`` adds to requests on its own (`Expect:` and `Content-Type:` to
/// stop libcurl adding them, and its `User-Agent`), built once as libcurl lists and shared by
/// every transfer as the tail of its own list.
///
/// ```swift
/// let defaults = try DefaultHeaderLists(userAgent: "homing")
/// let tail = defaults.tail(expect: true, contentType: false, userAgent: true)
/// ownLast.pointee.next = tail   // the request's own lines, then the shared ones
/// ```
///
/// Why: each line of a `curl_slist` is two allocations (node and copy) plus the `free`s when the
/// transfer ends, for lines that are the same on every request. libcurl only reads the list, and
/// only while a transfer runs, so one copy serves all transfers at once. A transfer unlinks the
/// shared tail before it frees its own lines, and holds this object until then.
final class DefaultHeaderLists: Sendable {
    /// Indexed by the three flags as bits (expect 4, content type 2, user agent 1); nil when none.
    private nonisolated(unsafe) let tails: [UnsafeMutablePointer<curl_slist>?]

    init(userAgent: String) throws(TransportError) {
        var tails: [UnsafeMutablePointer<curl_slist>?] = []
        for index in 0..<8 {
            var lines: [String] = []
            // "Name:" removes a header libcurl would add on its own.
            if index & 4 != 0 { lines.append("Expect:") }
            if index & 2 != 0 { lines.append("Content-Type:") }
            if index & 1 != 0 { lines.append("User-Agent: \(userAgent)") }
            var list: UnsafeMutablePointer<curl_slist>?
            for line in lines {
                guard let appended = curl_slist_append(list, line) else {
                    curl_slist_free_all(list)
                    for tail in tails { curl_slist_free_all(tail) }
                    throw TransportError(kind: .other, message: "out of memory building the header list", url: "")
                }
                list = appended
            }
            tails.append(list)
        }
        self.tails = tails
    }

    deinit { for tail in tails { curl_slist_free_all(tail) } }

    /// The shared lines a request needs: each flag says the request does not set that header itself.
    func tail(expect: Bool, contentType: Bool, userAgent: Bool) -> UnsafeMutablePointer<curl_slist>? {
        tails[(expect ? 4 : 0) | (contentType ? 2 : 0) | (userAgent ? 1 : 0)]
    }
}
