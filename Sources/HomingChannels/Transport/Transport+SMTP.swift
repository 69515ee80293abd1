extension Transport {
    /// Sends one message over SMTP on the next of the transport's SMTP threads, reusing an open
    /// session of that thread to the same server when one is idle, and returns the server's last
    /// reply.
    ///
    /// ```swift
    /// let response = try await transport.send(smtp: request)
    /// if response.isAccepted { … } else { print(response.finalReply) }   // e.g. 550 5.1.1 …
    /// ```
    ///
    /// A 4xx or 5xx reply is returned, not thrown (see ``SMTPResponse``). Throws ``TransportError``
    /// when no refusal arrived: `.timeout`, `.connectionFailed`, `.tls` (handshake, verification,
    /// or `STARTTLS` required and not offered), `.cancelled` or `.other` (e.g. a URL that is not
    /// `smtp` or `smtps`).
    public func send(smtp request: SMTPRequest) async throws(TransportError) -> SMTPResponse {
        guard let transfer = Transfer(url: request.url) else {
            throw TransportError(kind: .other, message: "curl_easy_init failed", url: request.url)
        }
        defer { transfer.close() }
        try transfer.configure(smtp: request, configuration)
        try await perform(transfer, on: try smtpLoops.next(for: request.url))
        return transfer.smtpResponse()
    }
}
