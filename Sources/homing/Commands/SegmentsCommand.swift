import ArgumentParser
import Foundation
import HomingConfig
import HomingCore
import HomingStore

/// `homing segments`: RFM scoring and the per-segment table.
struct SegmentsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "segments",
        abstract: "Score customers by recency, frequency and monetary value, and group them into segments.",
        discussion: """
            Rules and method come from segments.yaml. Customers without a completed order \
            at --as-of are prospects and are not scored. Money is in the base currency of homing.yaml.
            """
    )

    @Option(help: "Score as of this instant (ISO 8601, or a date for midnight UTC). Default: now.")
    var asOf: String?

    @Flag(help: "Print the per-segment table as JSON.")
    var json = false

    @Option(help: "Also write one row per scored customer to this CSV file.")
    var csv: String?

    @Flag(help: "Save the snapshot (customer, segment, as_of) so journeys can react to segment entry.")
    var save = false

    @OptionGroup var store: StoreOptions

    func run() throws {
        let config = try store.loadConfig()
        let database = try store.openStore(config)
        let asOf = try asOf.map { try parseInstant($0, option: "--as-of") } ?? .now
        let (run, keys) = try database.segmentation(
            asOf: asOf,
            method: config.segments.method,
            rules: config.segments.rules
        )
        let rates = config.settings.rates
        if let csv { try SegmentOutput.writeCSV(run, rates: rates, to: csv) }
        if save {
            let id = try database.save(run, customerKeys: keys)
            printError("saved segment snapshot \(id) (\(NumberText.grouped(keys.count)) customers, as of \(asOf))")
        }
        print(json ? SegmentOutput.json(run, rates: rates) : SegmentOutput.table(run, rates: rates))
    }
}
