import Foundation
import HomingCore

/// How `homing segments` shows a segmentation: table, JSON, per-customer CSV.
enum SegmentOutput {
    static func table(_ run: Segmentation, rates: ExchangeRates) -> String {
        let report = run.report
        let money = { (minor: Double?) in minor.map { rates.baseDecimalString(Int64($0.rounded())) } ?? "–" }
        var table = TextTable(header: [
            "segment", "customers", "share", "revenue", "recency days", "frequency", "monetary",
        ])
        for row in report.rows {
            table.add([
                row.segment, NumberText.grouped(row.customers), NumberText.percent(row.share),
                rates.baseDecimalString(row.revenueMinor), NumberText.fixed(row.meanRecencyDays, decimals: 1),
                NumberText.fixed(row.meanFrequency, decimals: 2), money(row.meanMonetaryMinor),
            ])
        }
        let heading =
            "RFM segments as of \(run.asOf) (\(run.method.name); \(NumberText.grouped(report.scoredCustomers)) scored, "
            + "\(NumberText.grouped(report.prospects)) prospects not scored; money in \(rates.base.code), means per customer)"
        return heading + "\n" + table.rendered
    }

    static func json(_ run: Segmentation, rates: ExchangeRates) -> String {
        let exponent = rates.base.exponent
        let scale = (0..<exponent).reduce(1.0) { value, _ in value * 10 }
        let rows = run.report.rows.map { row in
            """
                {"segment": "\(row.segment)", "customers": \(row.customers), "share": \(NumberText.json(row.share)), \
            "revenue": \(rates.baseDecimalString(row.revenueMinor)), \
            "mean_recency_days": \(NumberText.json(row.meanRecencyDays)), \
            "mean_frequency": \(NumberText.json(row.meanFrequency)), \
            "mean_monetary": \(NumberText.json(row.meanMonetaryMinor.map { $0 / scale }))}
            """
        }
        return """
            {"as_of": "\(run.asOf)", "method": "\(run.method.name)", "base_currency": "\(rates.base.code)", \
            "scored": \(run.report.scoredCustomers), "prospects": \(run.report.prospects), "segments": [
            \(rows.joined(separator: ",\n"))
            ]}
            """
    }

    /// `customer_id,recency_days,frequency,monetary,r,f,m,segment`, ordered by customer id (byte-wise).
    static func writeCSV(_ run: Segmentation, rates: ExchangeRates, to path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil),
            let handle = FileHandle(forWritingAtPath: path)
        else { throw ValidationErrorText("--csv: cannot create \(path)") }
        defer { try? handle.close() }
        var writer = CSVWriter()
        writer.writeRow(["customer_id", "recency_days", "frequency", "monetary", "r", "f", "m", "segment"])
        let order = run.values.indices.sorted {
            run.values[$0].customerID.utf8.lexicographicallyPrecedes(run.values[$1].customerID.utf8)
        }
        for index in order {
            let value = run.values[index]
            let score = run.scores[index]
            writer.writeRow([
                value.customerID, String(value.recencyDays), String(value.frequency),
                rates.baseDecimalString(value.monetaryMinor), String(score.r), String(score.f), String(score.m),
                run.segment(of: index),
            ])
            if writer.text.utf8.count > 1 << 20 {
                try handle.write(contentsOf: Data(writer.text.utf8))
                writer.removeAll()
            }
        }
        try handle.write(contentsOf: Data(writer.text.utf8))
    }
}

/// An error whose text is shown as it is.
struct ValidationErrorText: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
