import ArgumentParser
import Foundation
import HomingChannels
import HomingConfig
import HomingCore
import HomingEngine
import HomingTemplates

/// `homing send`: one message through a channel's adapter, for an operator's sanity check.
struct SendCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "send",
        abstract: "Send one message rendered with sample data through a channel, and print the outcome.",
        discussion: """
            Uses the adapter of channels/CHANNEL.yaml, so it checks the whole path: configuration, \
            secrets, template, provider. Nothing is planned or recorded in the store, and no consent \
            or quiet hours apply: the operator is the recipient.
            """
    )

    @Option(help: "email, sms, push or webhook.")
    var channel: DeliveryChannel

    @Option(help: "The address: an email address, an E.164 number, a device token, or an id for webhooks.")
    var to: String

    @Option(help: "The message name, e.g. win-back-offer.")
    var message: String

    @Option(help: "The BCP 47 language tag to render in. Default: default_locale of homing.yaml.")
    var locale: String?

    @Option(
        name: .customLong("config"),
        help: "The configuration directory. Default: ./config, else the built-in defaults."
    )
    var configDirectory: String?

    @OptionGroup var paths: DispatchPaths

    func run() async throws {
        let config = try ConfigDirectory.load(path: configDirectory)
        let tag =
            try locale.map { text in
                do { return try LocaleTag(parsing: text) } catch { throw ValidationError("--locale: \(error)") }
            } ?? config.settings.defaultLocale
        let channels = try ChannelAdapters(
            directory: try ChannelDirectory.load(path: paths.channels),
            environment: ProcessInfo.processInfo.environment,
            caFile: paths.caFile
        )
        guard let adapter = channels.adapters[channel] else {
            throw ValidationError("no adapter for \(channel): add \(paths.channels)/\(channel).yaml")
        }
        let catalog = try TemplateCatalog(directory: paths.templates, defaultLocale: config.settings.defaultLocale)
        guard catalog.messages.contains(message) else {
            throw ValidationError("no message \"\(message)\"; messages are \(catalog.messages.joined(separator: ", "))")
        }
        let shop = config.settings.shop
        let profile = MessageProfile(
            shop: .init(
                name: shop.name,
                url: shop.url,
                postalAddress: shop.postalAddress,
                supportEmail: shop.supportEmail
            ),
            publicURL: shop.publicURL,
            linkSecret: Array((ProcessInfo.processInfo.environment[shop.linkSecretVariable] ?? UUID().uuidString).utf8),
            defaultLocale: config.settings.defaultLocale,
            defaultTimeZone: config.settings.defaultTimeZone
        )
        var context = MessageContext.sample(for: tag)
        context.shop = profile.shop
        switch channel {
        case .email: context.customer.email = to
        case .sms: context.customer.phone = to
        case .push, .webhook: break
        }
        let key = "send_" + UUID().uuidString.lowercased()
        let composed = try MessageComposer(renderer: MessageRenderer(catalog: catalog), profile: profile, store: nil)
            .compose(
                message,
                journey: "manual",
                key: key,
                channel: channel,
                kind: adapter.payloadKind,
                context: context,
                address: to,
                now: .now
            )
        let outcome = await adapter.deliver(composed.message)
        print(
            "\(channel) \(message) [\(composed.locale?.description ?? tag.description)] key \(key): \(Self.describe(outcome))"
        )
        if case .delivered = outcome { return }
        throw ExitCode(1)
    }

    static func describe(_ outcome: DeliveryOutcome) -> String {
        switch outcome {
        case .delivered(let id): "delivered" + (id.map { ", provider id \($0)" } ?? "")
        case .retryable(let reason, let notBefore):
            "retryable: \(reason)" + (notBefore.map { " (not before \($0))" } ?? "")
        case .permanentFailure(let reason): "permanent failure: \(reason)"
        case .invalidRecipient(let reason): "invalid recipient: \(reason)"
        }
    }
}

extension DeliveryChannel: ExpressibleByArgument {}
