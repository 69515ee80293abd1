extension ChannelConfigurationError {
    /// Throws unless `url` is an `http://` or `https://` URL; `field` names it in the message.
    ///
    /// ```swift
    /// try ChannelConfigurationError.requireHTTPURL(configuration.baseURL, field: "baseURL", channel: "sendgrid")
    /// ```
    static func requireHTTPURL(_ url: String, field: String, channel: String) throws(ChannelConfigurationError) {
        let lowered = url.lowercased()
        guard lowered.hasPrefix("http://") || lowered.hasPrefix("https://") else {
            throw ChannelConfigurationError(
                channel: channel,
                kind: .invalidURL,
                message: "\(field) \"\(url)\" is not an http:// or https:// URL"
            )
        }
    }

    /// The non-empty value of `variable`, read once at start-up so a missing secret fails before the first send.
    ///
    /// ```swift
    /// let key = try ChannelConfigurationError.requireSecret(
    ///     "HOMING_SENDGRID_API_KEY", in: environment, channel: "sendgrid", setItTo: "a SendGrid API key")
    /// ```
    static func requireSecret(
        _ variable: String,
        in environment: [String: String],
        channel: String,
        setItTo what: String
    ) throws(ChannelConfigurationError) -> String {
        guard let value = environment[variable], !value.isEmpty else {
            throw ChannelConfigurationError(
                channel: channel,
                kind: .missingSecret(variable: variable),
                message: "environment variable \(variable) is not set; set it to \(what)"
            )
        }
        return value
    }
}

extension String {
    /// `base` without trailing slashes, then `path` (which starts with `/`): configured base URLs may end in `/`.
    func appendingURLPath(_ path: String) -> String {
        var base = self
        while base.hasSuffix("/") { base.removeLast() }
        return base + path
    }
}
