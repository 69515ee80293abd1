import ArgumentParser
import Foundation
import HomingConfig
import HomingCore
import HomingStore

/// `homing metrics`: retention metrics over a window of completed orders.
struct MetricsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "metrics",
        abstract: "Retention metrics over [--from, --to): repeat rate, frequency, AOV, customer value, CLV, retention.",
        discussion: "The README states each formula. Money is in the base currency of homing.yaml."
    )

    enum Grouping: String, ExpressibleByArgument, CaseIterable {
        case segment
    }

    @Option(help: "Start of the window, inclusive. Default: 365 days before --to.")
    var from: String?

    @Option(help: "End of the window, exclusive (ISO 8601, or a date for midnight UTC). Default: now.")
    var to: String?

    @Option(help: "Break the metrics down by the RFM segment buyers are in at the end of the window.")
    var by: Grouping?

    @Flag(help: "Print JSON: one object, or with --by segment a list of objects with a segment key.")
    var json = false

    @OptionGroup var store: StoreOptions

    func run() throws {
        let config = try store.loadConfig()
        let end = try to.map { try parseInstant($0, option: "--to") } ?? .now
        let start = try from.map { try parseInstant($0, option: "--from") } ?? end.adding(days: -365)
        guard start < end else { throw ValidationError("--from must be before --to") }
        let window = DateWindow(from: start, to: end)
        let segments = by == .segment ? (config.segments.method, config.segments.rules) : nil
        let result = try store.openStore(config).retentionMetrics(window: window, bySegment: segments)
        let output = MetricsOutput(rates: config.settings.rates)
        if json {
            print(
                by == nil
                    ? output.json(result.all)
                    : "[\n"
                        + result.bySegment.map { "  " + output.json($0.metrics, segment: $0.segment) }
                        .joined(separator: ",\n") + "\n]"
            )
        } else if by == nil {
            print(output.table(result.all, window: window))
        } else {
            print(output.segmentTable([("all", result.all)] + result.bySegment, window: window))
        }
    }
}

/// How `homing metrics` shows its numbers.
struct MetricsOutput {
    let rates: ExchangeRates

    private var scale: Double { (0..<rates.base.exponent).reduce(1.0) { value, _ in value * 10 } }

    private func money(_ minor: Double?) -> Double? { minor.map { $0 / scale } }

    private func moneyText(_ minor: Double?) -> String { NumberText.fixed(money(minor), decimals: rates.base.exponent) }

    func json(_ metrics: RetentionMetrics, segment: String? = nil) -> String {
        var fields: [(String, String)] = segment.map { [("segment", "\"\($0)\"")] } ?? []
        fields += [
            ("buyers", String(metrics.buyers)), ("orders", String(metrics.orders)),
            ("revenue", rates.baseDecimalString(metrics.revenueMinor)),
            ("repeat_customer_rate", NumberText.json(metrics.repeatCustomerRate)),
            ("purchase_frequency", NumberText.json(metrics.purchaseFrequency)),
            ("average_order_value", NumberText.json(money(metrics.averageOrderValueMinor))),
            ("customer_value", NumberText.json(money(metrics.customerValueMinor))),
            ("annual_customer_value", NumberText.json(money(metrics.annualCustomerValueMinor))),
            ("average_lifespan_years", NumberText.json(metrics.averageLifespanYears)),
            ("clv", NumberText.json(money(metrics.clvMinor))),
            ("retention_rate", NumberText.json(metrics.retentionRate)),
            ("churn_rate", NumberText.json(metrics.churnRate)),
        ]
        return "{" + fields.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + "}"
    }

    func table(_ metrics: RetentionMetrics, window: DateWindow) -> String {
        var table = TextTable(header: ["metric", "value"])
        for (name, value) in rows(metrics) { table.add([name, value]) }
        return heading(window) + "\n" + table.rendered
    }

    func segmentTable(_ groups: [(String, RetentionMetrics)], window: DateWindow) -> String {
        let names = rows(groups[0].1).map(\.0)
        var table = TextTable(header: ["segment"] + names)
        for (segment, metrics) in groups { table.add([segment] + rows(metrics).map(\.1)) }
        return heading(window) + "; segments as at the end of the window\n" + table.rendered
    }

    private func heading(_ window: DateWindow) -> String {
        "Retention metrics for [\(window.from), \(window.to)) in \(rates.base.code)"
    }

    private func rows(_ metrics: RetentionMetrics) -> [(String, String)] {
        [
            ("buyers", NumberText.grouped(metrics.buyers)), ("orders", NumberText.grouped(metrics.orders)),
            ("revenue", rates.baseDecimalString(metrics.revenueMinor)),
            ("repeat rate", NumberText.percent(metrics.repeatCustomerRate)),
            ("frequency", NumberText.fixed(metrics.purchaseFrequency, decimals: 2)),
            ("AOV", moneyText(metrics.averageOrderValueMinor)),
            ("customer value", moneyText(metrics.customerValueMinor)),
            ("annual value", moneyText(metrics.annualCustomerValueMinor)),
            ("lifespan years", NumberText.fixed(metrics.averageLifespanYears, decimals: 2)),
            ("CLV", moneyText(metrics.clvMinor)),
            ("retention", NumberText.percent(metrics.retentionRate)),
            ("churn", NumberText.percent(metrics.churnRate)),
        ]
    }
}
