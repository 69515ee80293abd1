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
        let transfer = try Transfer(url: request.url, pool: smtpHandles)
        defer { transfer.close() }
        try transfer.configure(smtp: request, configuration)
        try await perform(transfer, on: try smtpLoops.next(for: request.url))
        return try transfer.smtpResponse()
    }
}
