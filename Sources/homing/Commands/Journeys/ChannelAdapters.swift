import Crypto
import Foundation
import HomingChannels
import HomingConfig
import HomingCore
import _CryptoExtras

/// The adapters of `channels/*.yaml` on one shared transport, paced by their rate limits.
///
/// A secret whose variable is unset is replaced by a throwaway value only when the adapter's
/// target is on loopback (the local sink); against a real provider a missing secret is an error.
/// One transport serves every adapter: it runs SMTP on threads of its own, so a slow mail server
/// never holds up the HTTP channels.
struct ChannelAdapters {
    var adapters: [DeliveryChannel: any ChannelAdapter] = [:]
    var backoff: [DeliveryChannel: RetryBackoff] = [:]
    let transport: Transport
    /// Variables that were filled with throwaway values, for a notice.
    var throwaway: [String] = []

    init(directory: ChannelDirectory, environment: [String: String], caFile: String? = nil) throws {
        var configuration = TransportConfiguration()
        configuration.caFile = caFile
        configuration.maxConnectionsPerHost = 16
        transport = try Transport(configuration: configuration)
        for (channel, settings) in directory.settings.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            var adapter = try make(settings.adapter, environment: environment)
            if let rate = settings.rate {
                adapter = RateLimitedAdapter(adapter, bucket: TokenBucket(rate: rate.perSecond, burst: rate.burst))
            }
            adapters[channel] = adapter
            backoff[channel] = settings.backoff
        }
    }

    private mutating func make(
        _ adapter: ChannelSettings.Adapter,
        environment: [String: String]
    ) throws -> any ChannelAdapter {
        switch adapter {
        case .smtp(let configuration):
            let host = configuration.url.replacingOccurrences(of: "smtp://", with: "http://")
                .replacingOccurrences(of: "smtps://", with: "https://")
            let environment =
                configuration.passwordVariable.map {
                    sinkSecret($0, url: host, environment, "sink")
                } ?? environment
            return try SMTPAdapter(configuration: configuration, transport: transport, environment: environment)
        case .fcm(let configuration):
            let environment = sinkSecret(
                configuration.serviceAccountVariable,
                url: configuration.baseURL,
                environment,
                Self.throwawayServiceAccount(tokenURL: configuration.tokenURL ?? configuration.baseURL + "/token")
            )
            return try FCMAdapter(configuration: configuration, transport: transport, environment: environment)
        case .apns(let configuration):
            let environment = sinkSecret(
                configuration.keyVariable,
                url: configuration.baseURL,
                environment,
                P256.Signing.PrivateKey().pemRepresentation
            )
            return try APNsAdapter(configuration: configuration, transport: transport, environment: environment)
        case .sendgrid(let configuration):
            let environment = sinkSecret(
                configuration.apiKeyVariable,
                url: configuration.baseURL,
                environment,
                "SG.sink"
            )
            return try SendGridAdapter(configuration: configuration, transport: transport, environment: environment)
        case .twilio(let configuration):
            let environment = sinkSecret(
                configuration.authTokenVariable,
                url: configuration.baseURL,
                environment,
                "sink"
            )
            return try TwilioAdapter(configuration: configuration, transport: transport, environment: environment)
        case .webhook(let configuration):
            let environment = sinkSecret(
                configuration.secretVariable,
                url: configuration.url,
                environment,
                "whsec_" + Data((0..<24).map { _ in UInt8.random(in: 0...255) }).base64EncodedString()
            )
            return try WebhookAdapter(configuration: configuration, transport: transport, environment: environment)
        }
    }

    /// `environment` with `variable` set to `value` when it is unset and `url` is on loopback.
    mutating func sinkSecret(
        _ variable: String,
        url: String,
        _ environment: [String: String],
        _ value: @autoclosure () -> String
    ) -> [String: String] {
        guard (environment[variable] ?? "").isEmpty, Self.isLoopback(url) else { return environment }
        throwaway.append(variable)
        var environment = environment
        environment[variable] = value()
        return environment
    }

    /// A service-account key made up on the spot, good only for the sink's token endpoint.
    static func throwawayServiceAccount(tokenURL: String) -> String {
        let key = (try? _RSA.Signing.PrivateKey(keySize: .bits2048))?.pemRepresentation ?? ""
        let document: [String: String] = [
            "type": "service_account", "project_id": "homing-sink", "client_email": "homing@homing-sink.iam.example",
            "private_key": key, "token_uri": tokenURL,
        ]
        let data = (try? JSONSerialization.data(withJSONObject: document, options: [.sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    static func isLoopback(_ url: String) -> Bool {
        guard let host = URLComponents(string: url)?.host?.lowercased() else { return false }
        return host == "localhost" || host == "::1" || host == "[::1]" || host.hasPrefix("127.")
    }
}
