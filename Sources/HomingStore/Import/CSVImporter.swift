import Foundation
import HomingCore

/// Imports a customers or orders CSV into a store: all or nothing by default, valid rows only with `skipInvalid`.
///
/// ```swift
/// let importer = CSVImporter(store: store)
/// let report = try importer.run(input: try InputFile(path: "orders.csv"), options: ImportOptions(kind: .orders(rates)))
/// if !report.applied { for issue in report.issues { print(issue.formatted(file: "orders.csv")) } }
/// ```
///
/// Two threads: this one reads, parses and validates; a writer thread upserts batches inside one store
/// transaction. On a refused import the writer rolls back, so nothing is written. Errors that make the
/// rest of the file unreadable (header, CSV syntax) throw `ImportError`.
public struct CSVImporter: Sendable {
    public let store: any Store

    public init(store: any Store) { self.store = store }

    public func run(
        input: InputFile,
        options: ImportOptions,
        progress: ((ImportProgress) -> Void)? = nil
    ) throws -> ImportReport {
        let started = DispatchTime.now().uptimeNanoseconds
        let queue = BoundedQueue<ImportBatch>(capacity: 4)
        let writer = WriterThread(store: store, queue: queue)
        writer.start()
        var report = ImportReport()
        do {
            try parse(input, options: options, queue: queue, report: &report, progress: progress)
        } catch {
            queue.close(commit: false)
            if case .failure(let storeError) = writer.join() {
                throw ImportError("\(input.name): nothing was imported: the store failed: \(storeError)")
            }
            throw error
        }
        let commit = options.skipInvalid || report.issueCount == 0
        queue.close(commit: commit)
        switch writer.join() {
        case .success(let counts):
            // A refused import was rolled back: nothing it counted exists.
            report.counts = commit ? counts : UpsertCounts()
            report.applied = commit
        case .failure(let error):
            throw ImportError("\(input.name): nothing was imported: the store failed: \(error)")
        }
        report.seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        if options.skipInvalid, report.rejected > 0 { report.rejectsPath = options.rejectsPath }
        return report
    }

    private func parse(
        _ input: InputFile,
        options: ImportOptions,
        queue: BoundedQueue<ImportBatch>,
        report: inout ImportReport,
        progress: ((ImportProgress) -> Void)?
    ) throws {
        var parser = CSVParser()
        var batcher: (any RowBatcher)?
        var rejects: RejectsFile?
        var bytesRead: Int64 = 0
        var failure: Error?
        let handle = { (record: CSVRecord) in
            guard failure == nil else { return }
            do {
                guard let current = batcher else {
                    batcher = try makeBatcher(header: record.strings, options: options, file: input.name)
                    report.warnings = batcher!.columns.warnings
                    return
                }
                report.rows += 1
                let issues = current.add(record)
                if !issues.isEmpty {
                    try reject(
                        record,
                        issues,
                        options: options,
                        rejects: &rejects,
                        header: current.columns.header,
                        report: &report
                    )
                }
                // Once a refused import has an error, parsing goes on only to find the other errors.
                if current.pending >= options.batchSize {
                    let batch = current.takeBatch()
                    if options.skipInvalid || report.issueCount == 0 {
                        guard queue.push(batch) else {
                            throw ImportError("\(input.name): the store stopped accepting rows")
                        }
                    }
                }
                if report.rows & 0xFFFF == 0 {
                    progress?(ImportProgress(bytesRead: bytesRead, totalBytes: input.size, rows: report.rows))
                }
            } catch {
                failure = error
            }
        }
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { chunk.deallocate() }
        do {
            while true {
                let count = try input.read(into: chunk)
                if count == 0 { break }
                bytesRead += Int64(count)
                try parser.parse(
                    UnsafeRawBufferPointer(rebasing: chunk[..<count]).bindMemory(to: UInt8.self),
                    record: handle
                )
                if let failure { throw failure }
            }
            try parser.finish(record: handle)
            if let failure { throw failure }
        } catch let error as CSVError {
            throw ImportError("\(input.name):\(error.line): \(error.message); nothing was imported")
        }
        guard let last = batcher else { throw ImportError("\(input.name): the file is empty; expected a header row") }
        if last.pending > 0, options.skipInvalid || report.issueCount == 0 {
            guard queue.push(last.takeBatch()) else {
                throw ImportError("\(input.name): the store stopped accepting rows")
            }
        }
        try rejects?.close()
        let applying = options.skipInvalid || report.issueCount == 0
        progress?(ImportProgress(bytesRead: bytesRead, totalBytes: input.size, rows: report.rows, finishing: applying))
    }

    private func makeBatcher(header: [String], options: ImportOptions, file: String) throws -> any RowBatcher {
        do {
            switch options.kind {
            case .customers:
                return CustomerBatcher(parser: try CustomerRowParser(header: header))
            case .orders(let rates):
                let parser = try OrderRowParser(header: header, rates: rates)
                return OrderBatcher(parser: parser, customerKeys: try store.customerKeys())
            }
        } catch let error as HeaderError {
            throw ImportError("\(file):1: \(error.description)")
        }
    }

    private func reject(
        _ record: CSVRecord,
        _ issues: [RowIssue],
        options: ImportOptions,
        rejects: inout RejectsFile?,
        header: [String],
        report: inout ImportReport
    ) throws {
        report.rejected += 1
        report.issueCount += issues.count
        report.issues.append(contentsOf: issues.prefix(max(0, options.issueLimit - report.issues.count)))
        guard options.skipInvalid, let path = options.rejectsPath else { return }
        if rejects == nil { rejects = try RejectsFile(path: path, header: header) }
        try rejects!.write(record, issues: issues)
    }
}

/// Runs the store transaction on its own thread, fed by the queue.
private final class WriterThread: @unchecked Sendable {
    private let store: any Store
    private let queue: BoundedQueue<ImportBatch>
    private let done = DispatchSemaphore(value: 0)
    private var result: Result<UpsertCounts, Error> = .success(UpsertCounts())

    init(store: any Store, queue: BoundedQueue<ImportBatch>) {
        self.store = store
        self.queue = queue
    }

    func start() {
        let thread = Thread { [self] in
            result = Result {
                try store.importTransaction { transaction in
                    var counts = UpsertCounts()
                    while let batch = queue.pop() { counts += try batch.write(to: transaction) }
                    if queue.commit { try transaction.finish() }
                    return (counts, commit: queue.commit)
                }
            }
            if case .failure = result { queue.cancel() }
            done.signal()
        }
        thread.stackSize = 1 << 22
        thread.start()
    }

    func join() -> Result<UpsertCounts, Error> {
        done.wait()
        return result
    }
}
