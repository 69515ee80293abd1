import CCurl

/// What libcurl reads and writes during an SMTP transfer; owned by its ``Transfer``, so it lives
/// exactly as long as the easy handle that points into it.
final class SMTPState {
    let message: [UInt8]
    /// How much of `message` the read callback has handed to libcurl.
    var sent = 0
    /// `CURLOPT_MAIL_RCPT`: libcurl does not copy the list.
    var recipients: UnsafeMutablePointer<curl_slist>?
    /// The server's reply lines as libcurl delivered them, CRLFs included; split by the caller.
    var replies: [UInt8] = []

    init(message: [UInt8]) { self.message = message }

    // The idle handle keeps a dangling CURLOPT_MAIL_RCPT; the next message sets its own.
    deinit { curl_slist_free_all(recipients) }
}

extension Transfer {
    /// Sets the options of one SMTP message that the handle does not hold yet: envelope, AUTH,
    /// STARTTLS policy and the upload.
    func configure(smtp request: SMTPRequest, _ configuration: TransportConfiguration) throws(TransportError) {
        let this = Unmanaged.passUnretained(self).toOpaque()
        let state = SMTPState(message: request.message)
        smtp = state
        try configureCommon(timeout: request.timeout ?? configuration.requestTimeout, configuration)
        let useSSL: curl_usessl =
            switch request.tls {
            case .none: CURLUSESSL_NONE
            case .opportunistic: CURLUSESSL_TRY
            case .required: CURLUSESSL_ALL
            }
        try handle.setUseSSL(Int(useSSL.rawValue))
        try handle.setCredentials(username: request.username, password: request.password)
        try check(ccurl_easy_setopt_string(easy, CURLOPT_MAIL_FROM, request.envelopeFrom))
        for recipient in request.recipients {
            guard let appended = curl_slist_append(state.recipients, recipient) else {
                throw TransportError(kind: .other, message: "out of memory building the recipient list", url: url)
            }
            state.recipients = appended
        }
        try check(ccurl_easy_setopt_slist(easy, CURLOPT_MAIL_RCPT, state.recipients))
        try check(ccurl_easy_setopt_off_t(easy, CURLOPT_INFILESIZE_LARGE, curl_off_t(request.message.count)))
        try check(ccurl_easy_setopt_pointer(easy, CURLOPT_READDATA, this))
        try check(ccurl_easy_setopt_pointer(easy, CURLOPT_HEADERDATA, this))
    }

    /// The SMTP response, built on the caller's thread once the loop resumed it. libcurl fails the
    /// transfer on any 4xx or 5xx reply (a refused RCPT is `CURLE_SEND_ERROR`, a refused data
    /// `CURLE_WEIRD_SERVER_REPLY`), yet that reply is an answer to classify, so it becomes a
    /// response; only a failure without one throws.
    func smtpResponse() throws(TransportError) -> SMTPResponse {
        let code = info(CURLINFO_RESPONSE_CODE)
        if result == nil || (result != CURLE_OK && code < 400) { try checkResult() }
        var lines: [String] = []
        let replies = smtp?.replies ?? []
        var start = 0
        while start < replies.count {
            var end = start
            while end < replies.count, replies[end] != UInt8(ascii: "\n") { end += 1 }
            var last = end
            while last > start, replies[last - 1] == UInt8(ascii: "\r") { last -= 1 }
            lines.append(String(decoding: replies[start..<last], as: UTF8.self))
            start = end + 1
        }
        return SMTPResponse(code: code, lines: lines)
    }

    // MARK: - libcurl callbacks (loop thread)

    static func read(
        into buffer: UnsafeMutablePointer<CChar>?,
        _ capacity: Int,
        _ box: UnsafeMutableRawPointer?
    ) -> Int {
        guard let buffer, let box else { return 0 }
        let transfer = Unmanaged<Transfer>.fromOpaque(box).takeUnretainedValue()
        guard let state = transfer.smtp else { return 0 }
        let count = min(capacity, state.message.count - state.sent)
        guard count > 0 else { return 0 }
        state.message.withUnsafeBytes { bytes in
            UnsafeMutableRawPointer(buffer).copyMemory(from: bytes.baseAddress! + state.sent, byteCount: count)
        }
        state.sent += count
        return count
    }

    static func receive(
        reply data: UnsafeMutablePointer<CChar>?,
        _ count: Int,
        _ box: UnsafeMutableRawPointer?
    ) -> Int {
        guard let data, let box, count > 0 else { return count }
        let transfer = Unmanaged<Transfer>.fromOpaque(box).takeUnretainedValue()
        transfer.smtp?.replies.append(contentsOf: UnsafeRawBufferPointer(start: data, count: count))
        return count
    }
}
