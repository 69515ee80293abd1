import ArgumentParser
import Foundation
import HomingCore

/// `homing demo-data`: writes a deterministic demo shop, `customers.csv` and `orders.csv`, into a directory.
///
/// ```
/// homing demo-data --customers 1000000 --orders 10000000 --seed 42 --out bench-data
/// ```
///
/// The same arguments always produce the same bytes; the generator itself lives in `HomingCore`.
struct DemoDataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo-data",
        abstract: "Generate deterministic demo customers.csv and orders.csv in the import format."
    )

    @Option(help: "Number of customers (some never order).")
    var customers: Int

    @Option(help: "Number of orders, spread over customers with a heavy tail.")
    var orders: Int

    @Option(help: "Random seed; the same seed gives byte-identical files.")
    var seed: UInt64

    @Option(help: "Directory to write customers.csv and orders.csv into (created if missing).")
    var out: String

    @Option(help: "End of the order history, ISO 8601; the history spans the three years before it.")
    var until: String = "2026-11-01T00:00:00Z"

    func run() throws {
        let clock = ContinuousClock()
        let began = clock.now
        let generator: DemoDataGenerator
        do {
            generator = try DemoDataGenerator(
                customers: customers,
                orders: orders,
                seed: seed,
                until: try DemoClock.parse(until)
            )
        } catch {
            throw ValidationError(error.description)
        }
        let directory = URL(fileURLWithPath: out, isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let customerBytes = try write(directory.appendingPathComponent("customers.csv")) { sink in
            try generator.writeCustomers(to: sink)
        }
        let orderBytes = try write(directory.appendingPathComponent("orders.csv")) { sink in
            try generator.writeOrders(to: sink)
        }
        let elapsed = began.duration(to: clock.now)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        print(
            "wrote \(out)/customers.csv (\(customers) rows, \(customerBytes) bytes) and \(out)/orders.csv "
                + "(\(orders) rows, \(orderBytes) bytes) in \(String(format: "%.1f", seconds)) s"
        )
    }

    /// Creates or truncates `url`, streams the chunks into it, and returns the byte count.
    private func write(_ url: URL, _ produce: (([UInt8]) throws -> Void) throws -> Void) throws -> Int {
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw ValidationError("cannot create \(url.path): check that the directory is writable")
        }
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        var total = 0
        try produce { chunk in
            try handle.write(contentsOf: chunk)
            total += chunk.count
        }
        return total
    }
}
