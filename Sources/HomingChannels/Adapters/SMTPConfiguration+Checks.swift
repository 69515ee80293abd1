import HomingCore

extension SMTPConfiguration {
    /// Throws the first problem that would make every send fail or leak: a scheme other than
    /// `smtp`/`smtps`, `starttls: off` towards a host that is not loopback, a user name without a
    /// password variable, an envelope sender that is not an address.
    ///
    /// ```swift
    /// try SMTPConfiguration(url: "smtp://mail.example.com", starttls: .off, envelopeFrom: "b@shop.example").check()
    /// // smtp: starttls is off for mail.example.com, which is not a loopback host; …
    /// ```
    func check() throws(ChannelConfigurationError) {
        let lowered = url.lowercased()
        guard lowered.hasPrefix("smtp://") || lowered.hasPrefix("smtps://") else {
            throw Self.error(.invalidURL, "url \"\(url)\" is not an smtp:// or smtps:// URL")
        }
        if starttls == .off, lowered.hasPrefix("smtp://"), !Self.isLoopback(host) {
            throw Self.error(
                .invalidSetting(field: "starttls"),
                "starttls is off for \(host), which is not a loopback host; messages and the password would "
                    + "cross the network in clear text. Use required (or opportunistic), or smtps://"
            )
        }
        if username != nil, passwordVariable == nil {
            throw Self.error(
                .invalidSetting(field: "passwordVariable"),
                "username is set but passwordVariable is not; name the environment variable that holds the password"
            )
        }
        if let problem = ContactValidation.emailProblem(envelopeFrom) {
            throw Self.error(.invalidSetting(field: "envelopeFrom"), "envelopeFrom: \(problem)")
        }
    }

    /// The host of `url`, without user info, port, path or IPv6 brackets.
    var host: String {
        var rest = Substring(url)
        if let scheme = rest.range(of: "://") { rest = rest[scheme.upperBound...] }
        rest = rest.prefix { $0 != "/" && $0 != "?" }
        if let at = rest.lastIndex(of: "@") { rest = rest[rest.index(after: at)...] }
        if rest.hasPrefix("["), let close = rest.firstIndex(of: "]") {
            return String(rest[rest.index(after: rest.startIndex)..<close])
        }
        return String(rest.prefix { $0 != ":" })
    }

    static func isLoopback(_ host: String) -> Bool {
        let host = host.lowercased()
        if host == "localhost" || host == "::1" { return true }
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets[0] == "127" && octets.allSatisfy { UInt8($0) != nil }
    }

    private static func error(_ kind: ChannelConfigurationError.Kind, _ message: String) -> ChannelConfigurationError {
        ChannelConfigurationError(channel: "smtp", kind: kind, message: message)
    }
}
