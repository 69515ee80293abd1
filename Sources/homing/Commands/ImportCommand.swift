import ArgumentParser
import Foundation
import HomingConfig
import HomingCore
import HomingStore

/// `homing import customers|orders FILE`.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import customers or orders from CSV, upserting by id.",
        discussion: """
            By default an import with any invalid row is refused as a whole and nothing is written; the problems \
            are listed as FILE:LINE: FIELD: PROBLEM. With --skip-invalid the valid rows are imported and the \
            others written, with their reasons, to FILE.rejects.csv. Importing the same file twice changes nothing.
            """,
        subcommands: [ImportCustomersCommand.self, ImportOrdersCommand.self]
    )
}

/// The arguments both import subcommands take.
struct ImportArguments: ParsableArguments {
    @Argument(help: "The CSV file, or - for standard input.")
    var file: String

    @Flag(help: "Import the valid rows and write the rejected ones with their reasons to a rejects file.")
    var skipInvalid = false

    @Option(help: "Where --skip-invalid writes rejected rows. Default: FILE.rejects.csv (stdin.rejects.csv for -).")
    var rejects: String?

    @OptionGroup var store: StoreOptions

    func run(kind: (ConfigDirectory) -> ImportOptions.Kind) throws {
        let config = try store.loadConfig()
        // Open the input first, so a mistyped path leaves no empty store behind.
        let input = try InputFile(path: file)
        let importer = CSVImporter(store: try store.openStore(config))
        let options = ImportOptions(
            kind: kind(config),
            skipInvalid: skipInvalid,
            rejectsPath: rejects ?? (file == "-" ? "stdin.rejects.csv" : file + ".rejects.csv")
        )
        let bar = ProgressBar(label: input.name)
        let report = try importer.run(input: input, options: options) { progress in
            let fraction = progress.totalBytes.map { Double(progress.bytesRead) / Double(max($0, 1)) }
            let rows = "\(NumberText.grouped(progress.rows)) rows"
            bar.update(
                fraction: fraction,
                detail: progress.finishing ? rows + ", writing indexes and aggregates…" : rows,
                force: progress.finishing
            )
        }
        bar.finish()
        try print(report, file: input.name, options: options)
    }

    private func print(_ report: ImportReport, file: String, options: ImportOptions) throws {
        for warning in report.warnings { printError("\(file): warning: \(warning)") }
        for issue in report.issues { printError(issue.formatted(file: file)) }
        if report.issueCount > report.issues.count {
            printError("… and \(NumberText.grouped(report.issueCount - report.issues.count)) more problems")
        }
        guard report.applied else {
            let rejectsName = options.rejectsPath ?? "FILE.rejects.csv"
            printError(
                "\(file): refused: \(NumberText.grouped(report.issueCount)) problems in \(NumberText.grouped(report.rejected)) of \(NumberText.grouped(report.rows)) rows; nothing was imported. Fix them, or pass --skip-invalid to import the valid rows and write the others to \(rejectsName)."
            )
            throw ExitCode.failure
        }
        let counts = report.counts
        Swift.print(
            "\(file): \(NumberText.grouped(report.rows)) rows: \(NumberText.grouped(counts.inserted)) inserted, "
                + "\(NumberText.grouped(counts.updated)) updated, \(NumberText.grouped(counts.unchanged)) unchanged, "
                + "\(NumberText.grouped(report.rejected)) rejected in \(String(format: "%.2f", report.seconds)) s "
                + "(\(NumberText.grouped(Int(report.rowsPerSecond))) rows/s)"
        )
        if let path = report.rejectsPath {
            printError("\(file): \(NumberText.grouped(report.rejected)) rejected rows written to \(path)")
        }
    }
}

struct ImportCustomersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "customers",
        abstract: "Import customers.csv: customer_id,email,phone,push_token,first_name,last_name,locale,timezone,"
            + "country,signup_at,consent_email,consent_sms,consent_push."
    )

    @OptionGroup var arguments: ImportArguments

    func run() throws { try arguments.run { _ in .customers } }
}

struct ImportOrdersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "orders",
        abstract: "Import orders.csv: order_id,customer_id,ordered_at,amount,currency,status,items,promo_code.",
        discussion:
            "Customers must be imported first; amounts are valued in base_currency with fx_rates of homing.yaml."
    )

    @OptionGroup var arguments: ImportArguments

    func run() throws { try arguments.run { .orders($0.settings.rates) } }
}
