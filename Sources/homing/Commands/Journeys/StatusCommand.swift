import ArgumentParser
import Foundation
import HomingStore

/// `homing status`: enrolments and deliveries per journey.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show enrolments, holdout and deliveries by state, channel and locale, and recent errors."
    )

    @Argument(help: "Only this journey.")
    var journey: String?

    @Flag(help: "Print JSON.")
    var json = false

    @OptionGroup var store: StoreOptions

    func run() throws {
        let config = try store.loadConfig()
        let report = try store.openStore(config).journeyStatus(journey: journey)
        print(json ? StatusOutput.json(report) : StatusOutput.text(report))
    }
}

enum StatusOutput {
    static func text(_ report: JourneyStatusReport) -> String {
        var lines: [String] = []
        var enrolments = TextTable(header: ["journey", "enrolment state", "customers"])
        for row in report.enrolments {
            let paused = report.paused.contains(row.journey) ? " (paused)" : ""
            enrolments.add([row.journey + paused, row.state, NumberText.grouped(row.count)])
        }
        lines.append(report.enrolments.isEmpty ? "no enrolments yet" : enrolments.rendered)
        var deliveries = TextTable(header: ["journey", "state", "channel", "locale", "messages"])
        for row in report.deliveries {
            deliveries.add([row.journey, row.state, row.channel, row.locale ?? "-", NumberText.grouped(row.count)])
        }
        if !report.deliveries.isEmpty { lines.append(deliveries.rendered) }
        if !report.reasons.isEmpty {
            let reasons = report.reasons.map { row in
                "  \(row.journey) \(row.state) ×\(NumberText.grouped(row.count)): \(row.reason)"
            }
            lines.append((["recent reasons:"] + reasons).joined(separator: "\n"))
        }
        return lines.joined(separator: "\n\n")
    }

    static func json(_ report: JourneyStatusReport) -> String {
        var journeys: [String: [String: Any]] = [:]
        func entry(_ journey: String) -> [String: Any] {
            journeys[journey] ?? [
                "enrolments": [String: Int](), "deliveries": [[String: Any]](), "reasons": [[String: Any]](),
                "paused": report.paused.contains(journey),
            ]
        }
        for row in report.enrolments {
            var value = entry(row.journey)
            var counts = value["enrolments"] as! [String: Int]
            counts[row.state] = row.count
            value["enrolments"] = counts
            journeys[row.journey] = value
        }
        for row in report.deliveries {
            var value = entry(row.journey)
            var list = value["deliveries"] as! [[String: Any]]
            list.append([
                "state": row.state, "channel": row.channel, "locale": row.locale ?? NSNull(), "count": row.count,
            ])
            value["deliveries"] = list
            journeys[row.journey] = value
        }
        for row in report.reasons {
            var value = entry(row.journey)
            var list = value["reasons"] as! [[String: Any]]
            list.append(["state": row.state, "reason": row.reason, "count": row.count])
            value["reasons"] = list
            journeys[row.journey] = value
        }
        let data = try? JSONSerialization.data(
            withJSONObject: ["journeys": journeys],
            options: [.sortedKeys, .prettyPrinted]
        )
        return String(decoding: data ?? Data("{}".utf8), as: UTF8.self)
    }
}
