import ArgumentParser
import Foundation
import HomingCore
import HomingTemplates

/// `homing preview MESSAGE --locale TAG`: render one message with sample data and show or save it.
struct PreviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preview",
        abstract: "Render a message for a locale with sample data.",
        discussion: "Prints the text parts; --eml writes the full RFC 5322 message, --html a page to open in a browser."
    )

    @Argument(help: "Message name, e.g. win-back-offer.")
    var message: String

    @Option(help: "The customer's BCP 47 language tag, e.g. zh-Hant-TW.")
    var locale: String

    @Option(help: "email, sms or push; defaults to the message's first channel.")
    var channel: Channel?

    @Option(help: "Write the complete email (RFC 5322) to this file.")
    var eml: String?

    @Option(help: "Write an HTML page with the headers and the HTML body to this file.")
    var html: String?

    @OptionGroup var options: TemplatesOptions

    func run() throws {
        let catalog = try options.loadCatalog()
        let tag = try LocaleTag(parsing: locale)
        guard catalog.messages.contains(message) else {
            throw TemplatesCommandError(
                "no message \"\(message)\"; messages are \(catalog.messages.joined(separator: ", "))"
            )
        }
        let channel = self.channel ?? catalog.channels(of: message).first ?? .email
        if channel != .email, eml != nil || html != nil {
            throw ValidationError("--eml and --html need --channel email")
        }
        let context = MessageContext.sample(for: tag)
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
}

extension Channel: ExpressibleByArgument {}
