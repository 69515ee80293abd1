import HomingChannels
import HomingCore
import Yams

/// One `channels/*.yaml`: which adapter serves a channel, its settings, and its pace.
///
/// ```yaml
/// channel: sms
/// adapter: twilio
/// base_url: http://127.0.0.1:8025          # the local sink; https://api.twilio.com in production
/// account_sid: AC00000000000000000000000000000000
/// auth_token_env: HOMING_TWILIO_AUTH_TOKEN  # the variable's NAME; the token never goes here
/// from: "+15005550006"
/// rate: { per_second: 100, burst: 20 }
/// retry: { max_attempts: 6, base: 2s, cap: 10m }
/// ```
///
/// Fields an adapter does not know are errors naming their line, like everywhere in config.
public struct ChannelSettings: Sendable {
    public enum Adapter: Sendable {
        case smtp(SMTPConfiguration)
        case fcm(FCMConfiguration)
        case apns(APNsConfiguration)
        case sendgrid(SendGridConfiguration)
        case twilio(TwilioConfiguration)
        case webhook(WebhookConfiguration)
    }

    public var channel: DeliveryChannel
    public var adapter: Adapter
    /// Messages per second and burst for the adapter's token bucket; nil is unlimited.
    public var rate: (perSecond: Double, burst: Int)?
    public var backoff: RetryBackoff
    /// The file it came from, for messages.
    public var file: String

    static let commonFields = ["channel", "adapter", "rate", "retry", "timeout"]

    public init(yaml text: String, file: String) throws(ConfigError) {
        let yaml = try YAMLFile(text: text, name: file)
        guard let top = yaml.root.mapping else { throw yaml.error(yaml.root, "a channel file must be a mapping") }
        var fields: [String: Node] = [:]
        for (key, value) in top { if let name = key.string { fields[name] = value } }
        guard let channelNode = fields["channel"] else {
            throw yaml.error(yaml.root, "channel is required: email, sms, push or webhook")
        }
        let channelName = try yaml.string(channelNode, "channel")
        guard let channel = DeliveryChannel(rawValue: channelName) else {
            throw yaml.error(channelNode, "channel: \"\(channelName)\" is not email, sms, push or webhook")
        }
        guard let adapterNode = fields["adapter"] else {
            throw yaml.error(yaml.root, "adapter is required, e.g. adapter: smtp")
        }
        let reader = ChannelFieldReader(yaml: yaml, fields: fields, adapter: try yaml.string(adapterNode, "adapter"))
        self.channel = channel
        self.file = file
        adapter = try reader.adapter(for: channel, node: adapterNode)
        rate = try reader.rate()
        backoff = try reader.backoff()
    }
}

/// Reads the fields of one adapter, refusing the ones it does not know.
struct ChannelFieldReader {
    let yaml: YAMLFile
    let fields: [String: Node]
    let adapter: String

    func adapter(for channel: DeliveryChannel, node: Node) throws(ConfigError) -> ChannelSettings.Adapter {
        let expected: [String: DeliveryChannel] = [
            "smtp": .email, "sendgrid": .email, "twilio": .sms, "fcm": .push, "apns": .push, "webhook": .webhook,
        ]
        guard let serves = expected[adapter] else {
            throw yaml.error(
                node,
                "adapter: \"\(adapter)\" is unknown; adapters are \(expected.keys.sorted().joined(separator: ", "))"
            )
        }
        guard serves == channel || adapter == "webhook" else {
            throw yaml.error(node, "adapter \(adapter) serves \(serves), not \(channel)")
        }
        switch adapter {
        case "smtp":
            try allow(["url", "starttls", "username", "password_env", "envelope_from"])
            var starttls = SMTPConfiguration.StartTLS.required
            if let mode = try optional("starttls") {
                guard let parsed = SMTPConfiguration.StartTLS(rawValue: mode) else {
                    throw yaml.error(fields["starttls"], "starttls: \"\(mode)\" is not required, opportunistic or off")
                }
                starttls = parsed
            }
            return .smtp(
                SMTPConfiguration(
                    url: try required("url"),
                    starttls: starttls,
                    username: try optional("username"),
                    passwordVariable: try fields["password_env"] == nil ? nil : variable("password_env"),
                    envelopeFrom: try required("envelope_from"),
                    timeout: try timeout()
                )
            )
        case "fcm":
            try allow(["base_url", "service_account_env", "project_id", "token_url"])
            var configuration = FCMConfiguration(
                serviceAccountVariable: try variable("service_account_env"),
                projectID: try optional("project_id"),
                tokenURL: try optional("token_url"),
                timeout: try timeout()
            )
            if let url = try optional("base_url") { configuration.baseURL = url }
            return .fcm(configuration)
        case "apns":
            try allow(["base_url", "key_env", "key_id", "team_id", "topic", "expiration", "sound"])
            var configuration = APNsConfiguration(
                keyVariable: try variable("key_env"),
                keyID: try required("key_id"),
                teamID: try required("team_id"),
                topic: try required("topic"),
                expiration: try fields["expiration"].map { node throws(ConfigError) in
                    .seconds(try yaml.duration(node, "expiration"))
                },
                timeout: try timeout()
            )
            if let sound = try optional("sound") { configuration.sound = sound == "none" ? nil : sound }
            if let url = try optional("base_url") { configuration.baseURL = url }
            return .apns(configuration)
        case "sendgrid":
            try allow(["base_url", "api_key_env", "from_email", "from_name"])
            var configuration = SendGridConfiguration(
                apiKeyVariable: try variable("api_key_env"),
                fromEmail: try required("from_email")
            )
            if let url = try optional("base_url") { configuration.baseURL = url }
            configuration.fromName = try optional("from_name")
            configuration.timeout = try timeout()
            return .sendgrid(configuration)
        case "twilio":
            try allow(["base_url", "account_sid", "auth_token_env", "from", "messaging_service_sid", "status_callback"])
            let sender: TwilioConfiguration.Sender
            if let service = try optional("messaging_service_sid") {
                sender = .messagingService(service)
            } else {
                sender = .from(try required("from"))
            }
            var configuration = TwilioConfiguration(
                accountSID: try required("account_sid"),
                authTokenVariable: try variable("auth_token_env"),
                sender: sender,
                statusCallback: try optional("status_callback"),
                timeout: try timeout()
            )
            if let url = try optional("base_url") { configuration.baseURL = url }
            return .twilio(configuration)
        default:
            try allow(["url", "secret_env"])
            return .webhook(
                WebhookConfiguration(
                    url: try required("url"),
                    secretVariable: try variable("secret_env"),
                    timeout: try timeout()
                )
            )
        }
    }

    func allow(_ own: [String]) throws(ConfigError) {
        let known = ChannelSettings.commonFields + own
        for (key, node) in fields where !known.contains(key) {
            throw yaml.error(
                node,
                "unknown field \"\(key)\" for adapter \(adapter); known fields: \(known.joined(separator: ", "))"
            )
        }
    }

    func optional(_ field: String) throws(ConfigError) -> String? {
        try fields[field].map { node throws(ConfigError) in try yaml.string(node, field) }
    }

    func required(_ field: String) throws(ConfigError) -> String {
        guard let value = try optional(field), !value.isEmpty else {
            throw yaml.error(yaml.root, "\(field) is required for adapter \(adapter)")
        }
        return value
    }

    /// An environment variable's name; a value that looks like a secret is refused.
    func variable(_ field: String) throws(ConfigError) -> String {
        let name = try required(field)
        guard name.range(of: "^[A-Za-z_][A-Za-z0-9_]*$", options: .regularExpression) != nil else {
            throw yaml.error(
                fields[field],
                "\(field) must name an environment variable (e.g. HOMING_API_KEY), not hold the secret"
            )
        }
        return name
    }

    func timeout() throws(ConfigError) -> Duration? {
        try fields["timeout"].map { node throws(ConfigError) in .seconds(try yaml.duration(node, "timeout")) }
    }

    func rate() throws(ConfigError) -> (perSecond: Double, burst: Int)? {
        guard let node = fields["rate"] else { return nil }
        let rate = try yaml.mapping(node, allowed: ["per_second", "burst"], what: "rate")
        guard let perSecondNode = rate["per_second"] else { throw yaml.error(node, "rate.per_second is required") }
        let perSecond = try yaml.number(perSecondNode, "rate.per_second")
        guard perSecond > 0 else { throw yaml.error(perSecondNode, "rate.per_second must be greater than 0") }
        let burst =
            try rate["burst"].map { node throws(ConfigError) in try yaml.number(node, "rate.burst") } ?? perSecond
        guard burst >= 1 else { throw yaml.error(rate["burst"], "rate.burst must be at least 1") }
        return (perSecond, Int(burst))
    }

    func backoff() throws(ConfigError) -> RetryBackoff {
        var backoff = RetryBackoff(baseSeconds: 2, capSeconds: 600, maxAttempts: 6)
        guard let node = fields["retry"] else { return backoff }
        let retry = try yaml.mapping(node, allowed: ["max_attempts", "base", "cap"], what: "retry")
        if let value = retry["max_attempts"] {
            let attempts = try yaml.number(value, "retry.max_attempts")
            guard attempts >= 1, attempts == attempts.rounded() else {
                throw yaml.error(value, "retry.max_attempts must be a whole number of at least 1")
            }
            backoff.maxAttempts = Int(attempts)
        }
        if let value = retry["base"] { backoff.baseSeconds = Double(try yaml.duration(value, "retry.base")) }
        if let value = retry["cap"] { backoff.capSeconds = Double(try yaml.duration(value, "retry.cap")) }
        return backoff
    }
}
