import HomingCore

/// What to import and how.
///
/// ```swift
/// let options = ImportOptions(kind: .orders(rates), skipInvalid: true, rejectsPath: "orders.csv.rejects.csv")
/// ```
public struct ImportOptions: Sendable {
    public enum Kind: Sendable {
        case customers
        /// Orders need the exchange rates to value them in the base currency.
        case orders(ExchangeRates)
    }

    public var kind: Kind
    /// Import the valid rows and write the others to `rejectsPath`, instead of refusing the whole file.
    public var skipInvalid: Bool
    public var rejectsPath: String?
    /// How many problems to keep for display; all of them are counted.
    public var issueLimit: Int
    public var batchSize: Int

    public init(
        kind: Kind,
        skipInvalid: Bool = false,
        rejectsPath: String? = nil,
        issueLimit: Int = 20,
        batchSize: Int = 8192
    ) {
        self.kind = kind
        self.skipInvalid = skipInvalid
        self.rejectsPath = rejectsPath
        self.issueLimit = issueLimit
        self.batchSize = batchSize
    }
}

/// How far an import has got, for a progress bar.
public struct ImportProgress: Sendable {
    public var bytesRead: Int64
    public var totalBytes: Int64?
    public var rows: Int
    /// True once every row is read and the store is finishing: indexes, aggregates, commit.
    public var finishing = false
}

/// The outcome of an import.
public struct ImportReport: Sendable {
    /// Data rows read (the header is not a row).
    public var rows = 0
    public var counts = UpsertCounts()
    /// Rows refused for a problem.
    public var rejected = 0
    /// The first problems, up to the issue limit, in file order.
    public var issues: [RowIssue] = []
    /// All problems found, including those not kept in `issues`.
    public var issueCount = 0
    public var warnings: [String] = []
    /// Whether anything was written: false when the file was refused as a whole.
    public var applied = false
    public var seconds = 0.0
    public var rejectsPath: String?

    public var rowsPerSecond: Double { seconds > 0 ? Double(rows) / seconds : 0 }
}
