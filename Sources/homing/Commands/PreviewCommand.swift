import ArgumentParser
import Foundation
import HomingConfig
import HomingCore
import HomingStore
import HomingTemplates

/// `homing preview MESSAGE --locale TAG`: render one message with sample data and show or save it.
struct PreviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preview",
        abstract: "Render a message for a locale with sample data, or for a real customer from the store.",
        discussion: """
            Prints the text parts; --eml writes the full RFC 5322 message, --html a page to open in a browser. \
            With --customer, the customer's name, language, time zone and last completed order come from the store.
            """
    )

    @Argument(help: "Message name, e.g. win-back-offer.")
    var message: String

    @Option(help: "The customer's BCP 47 language tag, e.g. zh-Hant-TW. Default with --customer: theirs.")
    var locale: String?

    @Option(help: "Render for this customer id from the store instead of sample data.")
    var customer: String?

    @Option(help: "The SQLite store for --customer. Default: $HOMING_DB, else store.path in homing.yaml.")
    var db: String?

    @Option(help: "email, sms or push; defaults to the message's first channel.")
    var channel: Channel?

    @Option(help: "Write the complete email (RFC 5322) to this file.")
    var eml: String?

    @Option(help: "Write an HTML page with the headers and the HTML body to this file.")
    var html: String?

    @OptionGroup var options: TemplatesOptions

    func run() throws {
        let catalog = try options.loadCatalog()
        guard catalog.messages.contains(message) else {
            throw TemplatesCommandError(
                "no message \"\(message)\"; messages are \(catalog.messages.joined(separator: ", "))"
            )
        }
        let channel = self.channel ?? catalog.channels(of: message).first ?? .email
        if channel != .email, eml != nil || html != nil {
            throw ValidationError("--eml and --html need --channel email")
        }
        var context = try customer.map(customerContext) ?? MessageContext.sample(for: try localeTag(required: true)!)
        if customer != nil, let tag = try localeTag(required: false) { context.locale = tag }
        let rendered = try MessageRenderer(catalog: catalog).render(message, channel: channel, context: context)
        print(PreviewText.describe(rendered))
        guard channel == .email else { return }
        let email = try MIMEEmail(rendered, envelope: PreviewText.envelope(for: context, message: message))
        if let eml {
            try email.text.write(toFile: eml, atomically: true, encoding: .utf8)
            print("wrote \(eml)")
        }
        if let html {
            try PreviewText.page(rendered, email: email).write(toFile: html, atomically: true, encoding: .utf8)
            print("wrote \(html)")
        }
    }

    private func localeTag(required: Bool) throws -> LocaleTag? {
        guard let locale else {
            if required { throw ValidationError("--locale is required unless --customer is given") }
            return nil
        }
        do { return try LocaleTag(parsing: locale) } catch { throw ValidationError("--locale: \(error.description)") }
    }

    private func customerContext(_ id: String) throws -> MessageContext {
        let config = try ConfigDirectory.load(path: options.configDirectory)
        let store = try SQLiteStore(path: StoreOptions.storePath(db: db, config: config))
        guard let found = try store.customer(id: id) else {
            throw TemplatesCommandError("--customer: no customer \"\(id)\" in \(store.path); import customers first")
        }
        return MessageContext.preview(
            customer: found,
            order: try store.latestCompletedOrder(customerID: id),
            defaultLocale: config.settings.defaultLocale,
            defaultTimeZone: config.settings.defaultTimeZone
        )
    }
}

extension Channel: ExpressibleByArgument {}
