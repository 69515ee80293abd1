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

    static func threadCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    func run() throws {
        let renderer = MessageRenderer(catalog: try options.loadCatalog())
        let tags = ["en-US", "fr-FR", "zh-Hans-CN", "zh-Hant-TW", "fr-CA", "en-GB", "zh-TW", "de-DE"]
        var contexts = try tags.map { tag in MessageContext.sample(for: try LocaleTag(parsing: tag)) }
        for index in contexts.indices { contexts[index].customer.firstName = "Customer \(index)" }
        let date = Date(timeIntervalSince1970: 1_772_712_000)
        var bytes = 0
        // Read once: an argument-parser property costs a wrapper lookup per access, which is not rendering.
        let (message, renderOnly) = (message, renderOnly)
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
            bytes &+= try MIMEEmail(rendered, envelope: envelope).bytes.count
        }
        for index in 0..<min(count / 10, 10_000) { try renderOne(index) }
        bytes = 0
        let start = ContinuousClock.now
        let cpuStart = Self.threadCPUSeconds()
        for index in 0..<count { try renderOne(index) }
        let cpu = Self.threadCPUSeconds() - cpuStart
        let elapsed = ContinuousClock.now - start
        let seconds = elapsed.seconds
        let what = renderOnly ? "renders (no MIME)" : "emails"
        print("\(message): \(count) \(what) across \(tags.count) locales, \(bytes / count) bytes avg")
        // CPU time of this thread is the one-core figure; wall time also counts other load on the machine.
        let rate = Double(count) / cpu
        print("renders/s (thread CPU): \(Int(rate))  (\(String(format: "%.1f", 1e6 / rate)) µs each)")
        print("renders/s (wall clock): \(Int(Double(count) / seconds))  (\(String(format: "%.2f", seconds)) s)")
    }
}
