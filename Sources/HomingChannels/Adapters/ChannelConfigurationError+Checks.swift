import Foundation

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

    /// The contents of a secret document (a JSON file, a PEM key) named by `variable`, which holds
    /// either the document itself or the path of a file that does; `isInline` tells which.
    ///
    /// ```swift
    /// let json = try ChannelConfigurationError.requireSecretDocument(
    ///     "HOMING_FCM_SERVICE_ACCOUNT", in: environment, channel: "fcm",
    ///     setItTo: "a service-account JSON key", isInline: { $0.hasPrefix("{") })
    /// ```
    ///
    /// Inline suits secret stores that inject values; a path suits files mounted by the deployment.
    /// Neither the value nor the path is put into the error: a misplaced key may sit in either.
    static func requireSecretDocument(
        _ variable: String,
        in environment: [String: String],
        channel: String,
        setItTo what: String,
        isInline: (String) -> Bool
    ) throws(ChannelConfigurationError) -> String {
        let value = try requireSecret(variable, in: environment, channel: channel, setItTo: what)
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        if isInline(trimmed) { return value }
        guard let contents = try? String(contentsOfFile: trimmed, encoding: .utf8), !contents.isEmpty else {
            throw ChannelConfigurationError(
                channel: channel,
                kind: .invalidSecret(variable: variable),
                message: "environment variable \(variable) holds neither \(what) nor the path of a readable file "
                    + "that does"
            )
        }
        return contents
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
