import ArgumentParser
import Foundation
import HomingChannels
import HomingConfig
import HomingCore
import HomingEngine
import HomingStore
import HomingTemplates

/// Everything the journey commands share, built once from the configuration and the store.
struct EngineSetup {
    let config: ConfigDirectory
    let store: SQLiteStore
    let planner: JourneyPlanner
    var journeys: [JourneyDefinition] { config.journeys }

    init(options: StoreOptions, busyTimeout: Duration = .seconds(30), checkpoints: WALCheckpoints = .automatic) throws {
        config = try options.loadConfig()
        store = try options.openStore(config, busyTimeout: busyTimeout, checkpoints: checkpoints)
        planner = JourneyPlanner(
            store: store,
            journeys: config.journeys,
            defaultTimeZone: config.settings.defaultTimeZone
        )
    }

    /// A dispatcher with the adapters of `channels/*.yaml` on one shared transport.
    func dispatcher(
        configuration: DispatcherConfiguration,
        paths: DispatchPaths,
        channels directory: ChannelDirectory? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> Dispatcher {
        let catalog = try TemplateCatalog(directory: paths.templates, defaultLocale: config.settings.defaultLocale)
        let channels = try ChannelAdapters(
            directory: try directory ?? ChannelDirectory.load(path: paths.channels),
            environment: environment,
            caFile: paths.caFile
        )
        if !channels.throwaway.isEmpty {
            printError(
                "note: \(channels.throwaway.joined(separator: ", ")) not set; using throwaway values for the loopback sink"
            )
        }
        let profile = try messageProfile(environment: environment)
        var rules = DeliveryRules()
        rules.quietHours = config.settings.delivery.quietHours
        rules.caps = config.settings.delivery.caps
        rules.defaultTimeZone = config.settings.defaultTimeZone
        rules.backoff = channels.backoff
        return Dispatcher(
            planner: planner,
            composer: MessageComposer(renderer: MessageRenderer(catalog: catalog), profile: profile, store: store),
            adapters: channels.adapters,
            rules: rules,
            configuration: configuration
        )
    }

    func messageProfile(environment: [String: String]) throws -> MessageProfile {
        let shop = config.settings.shop
        let variable = shop.linkSecretVariable
        guard let secret = environment[variable], secret.utf8.count >= 16 else {
            throw ValidationError(
                "environment variable \(variable) must hold the secret that signs unsubscribe links "
                    + "(at least 16 characters, e.g. from `openssl rand -hex 32`); homing.yaml shop.link_secret_env names it"
            )
        }
        return MessageProfile(
            shop: .init(
                name: shop.name,
                url: shop.url,
                postalAddress: shop.postalAddress,
                supportEmail: shop.supportEmail
            ),
            publicURL: shop.publicURL,
            linkSecret: Array(secret.utf8),
            defaultLocale: config.settings.defaultLocale,
            defaultTimeZone: config.settings.defaultTimeZone
        )
    }
}

/// Where the dispatcher finds its templates and channel files.
struct DispatchPaths: ParsableArguments {
    @Option(help: "The template catalog directory.")
    var templates = "templates"

    @Option(help: "The channel configuration directory (one YAML file per channel).")
    var channels = "channels"

    @Option(help: "A PEM file of CAs to trust instead of the system's, for providers with a private CA.")
    var caFile: String?
}
