import ArgumentParser
import Foundation
import HomingCore
import HomingTemplates

/// `homing templates bench`: full personalized emails per second on one core; see scripts/bench-templates.sh.
struct TemplatesBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Render complete MIME emails across mixed locales and print renders per second.",
        shouldDisplay: false
    )

    @OptionGroup var options: TemplatesOptions

    @Option(help: "Emails to render after warm-up.")
    var count = 200_000

    @Option(help: "Message to render.")
    var message = "post-purchase-thanks"

    @Flag(help: "Skip MIME assembly, to see what rendering alone costs.")
    var renderOnly = false

    func run() throws {
        let renderer = MessageRenderer(catalog: try options.loadCatalog())
        let tags = ["en-US", "fr-FR", "zh-Hans-CN", "zh-Hant-TW", "fr-CA", "en-GB", "zh-TW", "de-DE"]
        var contexts = try tags.map { tag in MessageContext.sample(for: try LocaleTag(parsing: tag)) }
        for index in contexts.indices { contexts[index].customer.firstName = "Customer \(index)" }
        let date = Date(timeIntervalSince1970: 1_772_712_000)
        var bytes = 0
        func renderOne(_ index: Int) throws {
            let context = contexts[index % contexts.count]
            let rendered = try renderer.render(message, channel: .email, context: context)
            if renderOnly {
                bytes &+= rendered.parts.count
                return
            }
            let envelope = EmailEnvelope(
                from: EmailAddress(context.shop.supportEmail, name: context.shop.name),
                to: EmailAddress(context.customer.email ?? "customer@example.com", name: context.customer.firstName),
                unsubscribeURL: context.links.unsubscribeURL,
                idempotencyKey: "bench/\(index)",
                date: date
            )
            bytes &+= try MIMEEmail(rendered, envelope: envelope).text.utf8.count
        }
        for index in 0..<min(count / 10, 10_000) { try renderOne(index) }
        let start = ContinuousClock.now
        for index in 0..<count { try renderOne(index) }
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let rate = Double(count) / seconds
        print("\(message): \(count) emails across \(tags.count) locales in \(String(format: "%.2f", seconds)) s")
        print("renders/s: \(Int(rate))  (\(String(format: "%.1f", 1e6 / rate)) µs each, \(bytes / count) bytes avg)")
    }
}
