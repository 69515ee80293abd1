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

    // Runs after the owning transfer's deinit has cleaned up the easy handle.
    deinit { curl_slist_free_all(recipients) }
}

extension Transfer {
    /// Sets every option for one SMTP message: envelope, AUTH, STARTTLS policy and the upload.
    func configure(smtp request: SMTPRequest, _ configuration: TransportConfiguration) throws(TransportError) {
        let this = Unmanaged.passUnretained(self).toOpaque()
        let state = SMTPState(message: request.message)
        smtp = state
        let timeout = request.timeout ?? configuration.requestTimeout
        try configureCommon(protocols: "smtp,smtps", timeout: timeout, configuration)
        // The QUIT libcurl sends when it closes a session (after a refusal, on eviction, at shutdown)
        // waits for the reply in a blocking loop bounded by this alone: 120 s unless set.
        let seconds = (timeout.curlMilliseconds + 999) / 1000
        try check(ccurl_easy_setopt_long(easy, CURLOPT_SERVER_RESPONSE_TIMEOUT, seconds))
        let useSSL: curl_usessl =
            switch request.tls {
            case .none: CURLUSESSL_NONE
            case .opportunistic: CURLUSESSL_TRY
            case .required: CURLUSESSL_ALL
            }
        try check(ccurl_easy_setopt_long(easy, CURLOPT_USE_SSL, Int(useSSL.rawValue)))
        if let username = request.username {
            try check(ccurl_easy_setopt_string(easy, CURLOPT_USERNAME, username))
            try check(ccurl_easy_setopt_string(easy, CURLOPT_PASSWORD, request.password ?? ""))
        }
        try check(ccurl_easy_setopt_string(easy, CURLOPT_MAIL_FROM, request.envelopeFrom))
        for recipient in request.recipients {
            guard let appended = curl_slist_append(state.recipients, recipient) else {
                throw TransportError(kind: .other, message: "out of memory building the recipient list", url: url)
            }
            state.recipients = appended
        }
        try check(ccurl_easy_setopt_slist(easy, CURLOPT_MAIL_RCPT, state.recipients))
        try check(ccurl_easy_setopt_long(easy, CURLOPT_UPLOAD, 1))
        try check(ccurl_easy_setopt_off_t(easy, CURLOPT_INFILESIZE_LARGE, curl_off_t(request.message.count)))
        try check(
            ccurl_easy_setopt_read_function(easy) { buffer, size, count, box in
                Transfer.read(into: buffer, size * count, box)
            }
        )
        try check(ccurl_easy_setopt_pointer(easy, CURLOPT_READDATA, this))
        // libcurl hands SMTP reply lines to the header callback.
        try check(
            ccurl_easy_setopt_header_function(easy) { data, size, count, box in
                Transfer.receive(reply: data, size * count, box)
            }
        )
        try check(ccurl_easy_setopt_pointer(easy, CURLOPT_HEADERDATA, this))
        // Nothing comes back as body over SMTP, but libcurl's default would write it to stdout.
        try check(ccurl_easy_setopt_write_function(easy) { _, size, count, _ in size * count })
    }

    /// Resumes an SMTP caller. libcurl fails the transfer on any 4xx or 5xx reply (a refused RCPT
    /// is `CURLE_SEND_ERROR`, a refused data `CURLE_WEIRD_SERVER_REPLY`), yet that reply is an answer
    /// to classify, so it becomes a response; only a failure without one is a `TransportError`.
    func completeSMTP(_ code: CURLcode) {
        let replyCode = info(CURLINFO_RESPONSE_CODE)
        guard code == CURLE_OK || replyCode >= 400 else {
            fail(TransportError(curlCode: code, detail: String(cString: errorBuffer), url: url))
            return
        }
        recordFinish()
        resume()
    }

    /// The SMTP response, built on the caller's thread once the loop resumed it.
    func smtpResponse() -> SMTPResponse {
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
        return SMTPResponse(code: finished.code, lines: lines)
    }

    // MARK: - libcurl callbacks (loop thread)

    private static func read(
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

    private static func receive(
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
