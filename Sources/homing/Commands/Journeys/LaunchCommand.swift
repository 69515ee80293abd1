import ArgumentParser
import Foundation
import HomingConfig
import HomingCore
import HomingEngine
import HomingStore

/// `homing launch JOURNEY`: enrol an audience in a journey and plan its first sends.
struct LaunchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "launch",
        abstract: "Enrol customers in a journey and plan their messages.",
        discussion: """
            Segment journeys (win-back) take the members of --segment in the latest saved snapshot \
            (homing segments --save), by default the journey's own segments. Order journeys \
            (post-purchase) take completed orders placed since --since; welcome takes customers who \
            signed up since --since. Holdout, re-entry and audience filters apply. Nothing is sent: \
            `homing run` delivers what was planned. Launching twice plans each message once.
            """
    )

    @Argument(help: "The journey id, e.g. win-back.")
    var journey: String

    @Option(name: .customLong("segment"), help: "Only customers in this segment (repeatable).")
    var segments: [String] = []

    @Option(help: "For order and welcome journeys: triggers at or after this time. Default: 14 days ago.")
    var since: String?

    @Flag(help: "Show who would get what, per channel and locale, and write nothing.")
    var dryRun = false

    @Option(help: "Enrol at most this many candidates.")
    var limit: Int?

    @OptionGroup var store: StoreOptions

    func run() async throws {
        let setup = try EngineSetup(options: store)
        guard let definition = setup.journeys.first(where: { $0.id == journey }) else {
            let known = setup.journeys.map(\.id).joined(separator: ", ")
            throw ValidationError("no journey \"\(journey)\"; journeys are \(known)")
        }
        let now = Instant.now
        let since = try since.map { try parseInstant($0, option: "--since") } ?? now.adding(days: -14)
        var candidates = try JourneyAudience.candidates(
            for: definition,
            segments: segments.isEmpty ? nil : Set(segments),
            since: since,
            store: setup.store
        )
        if let limit { candidates = Array(candidates.prefix(max(0, limit))) }
        var planner = setup.planner
        planner.previewQuietHours = setup.config.settings.delivery.quietHours
        let summary = try planner.enrol(definition, candidates: candidates, now: now, dryRun: dryRun)
        print(LaunchOutput.text(summary, candidates: candidates.count, dryRun: dryRun))
    }
}

/// Who a launch considers, by the journey's kind of entry.
enum JourneyAudience {
    static func candidates(
        for journey: JourneyDefinition,
        segments: Set<String>?,
        since: Instant,
        store: SQLiteStore
    ) throws -> [JourneyPlanner.Candidate] {
        switch journey.entry {
        case .orderCompleted:
            let orders = try store.completedOrders(since: since)
            var cache: [Int64: Recipient] = [:]
            return try orders.compactMap { order in
                if cache[order.customerKey] == nil {
                    cache[order.customerKey] = try store.recipient(key: order.customerKey)
                }
                return cache[order.customerKey].map { JourneyPlanner.Candidate(recipient: $0, orderID: order.orderID) }
            }
        case .customerCreated:
            return try store.recipients(inSegments: segments).filter { recipient in
                (recipient.customer.signupAt ?? .init(millisecondsSince1970: 0)) >= since
            }.map { JourneyPlanner.Candidate(recipient: $0) }
        case .segmentEntered(let entry):
            let chosen = segments ?? journey.audience.segments ?? entry
            guard try store.latestSegmentSnapshot() != nil else {
                throw ValidationError("no saved segments yet; run `homing segments --save` first")
            }
            return try store.recipients(inSegments: chosen).map { JourneyPlanner.Candidate(recipient: $0) }
        case .manual:
            return try store.recipients(inSegments: segments ?? journey.audience.segments).map {
                JourneyPlanner.Candidate(recipient: $0)
            }
        }
    }
}

/// The launch summary as text.
enum LaunchOutput {
    static func text(_ summary: LaunchSummary, candidates: Int, dryRun: Bool) -> String {
        var lines: [String] = []
        let verb = dryRun ? "would enrol" : "enrolled"
        lines.append(
            "\(summary.journey): \(NumberText.grouped(candidates)) candidates; \(verb) "
                + "\(NumberText.grouped(summary.enrolled)), holdout \(NumberText.grouped(summary.holdout)), "
                + "already enrolled \(NumberText.grouped(summary.alreadyEnrolled)), "
                + "outside the audience \(NumberText.grouped(summary.outsideAudience))"
        )
        var table = TextTable(header: ["message", "channel", "locale", dryRun ? "would plan" : "planned"])
        for (key, count) in summary.planned.counts.sorted(by: { $0.key < $1.key }) {
            table.add([key.message, key.channel, key.locale, NumberText.grouped(count)])
        }
        if !summary.planned.counts.isEmpty {
            lines.append(table.rendered)
            let will = dryRun ? "would be" : "will be"
            lines.append(
                "\(NumberText.grouped(summary.planned.unreachable)) \(will) skipped (no channel with consent and an address), "
                    + "\(NumberText.grouped(summary.planned.inQuietHours)) \(will) held by quiet hours until morning"
            )
        }
        if dryRun { lines.append("dry run: nothing was written") }
        return lines.joined(separator: "\n")
    }
}
