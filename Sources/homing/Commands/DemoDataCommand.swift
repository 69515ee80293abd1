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
        // DemoDataError's description already says what to change; ArgumentParser prints it as is.
        let end = try DemoClock.parse(until)
        let generator = try DemoDataGenerator(customers: customers, orders: orders, seed: seed, until: end)
        let directory = URL(fileURLWithPath: out, isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let customersFile = try BackgroundFileWriter(directory.appendingPathComponent("customers.csv"))
        try generator.writeCustomers(to: customersFile.write)
        try customersFile.finish()
        let ordersFile = try BackgroundFileWriter(directory.appendingPathComponent("orders.csv"))
        try generator.writeOrders(to: ordersFile.write)
        try ordersFile.finish()
        let elapsed = began.duration(to: clock.now)
        let seconds = elapsed.seconds
        print(
            "wrote \(customersFile.path) (\(customers) rows, \(customersFile.bytes) bytes) and \(ordersFile.path) "
                + "(\(orders) rows, \(ordersFile.bytes) bytes) in \(String(format: "%.1f", seconds)) s"
        )
    }
}

/// Writes chunks on a serial background queue, so disk I/O overlaps with generation.
/// At most `depth` chunks wait in memory; the first write error is reported by the next `write` or by `finish`.
private final class BackgroundFileWriter: @unchecked Sendable {
    let path: String
    /// Bytes accepted so far; only the calling thread touches it.
    private(set) var bytes = 0
    private let handle: FileHandle
    private let queue = DispatchQueue(label: "homing.demo-data.writer")
    private let slots: DispatchSemaphore
    private let lock = NSLock()
    private var failure: (any Error)?

    init(_ url: URL, depth: Int = 8) throws {
        path = url.path
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw ValidationError("cannot create \(path): check that the directory is writable")
        }
        handle = try FileHandle(forWritingTo: url)
        slots = DispatchSemaphore(value: depth)
    }

    func write(_ chunk: [UInt8]) throws {
        try rethrowFailure()
        slots.wait()
        bytes += chunk.count
        queue.async {
            defer { self.slots.signal() }
            guard self.lock.withLock({ self.failure == nil }) else { return }
            do {
                try self.handle.write(contentsOf: chunk)
            } catch {
                self.lock.withLock { self.failure = error }
            }
        }
    }

    /// Waits for the queued chunks, closes the file and reports any write error.
    func finish() throws {
        queue.sync {}
        try handle.close()
        try rethrowFailure()
    }

    private func rethrowFailure() throws {
        if let failure = lock.withLock({ failure }) { throw failure }
    }
}
