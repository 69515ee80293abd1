import GRDB
import HomingCore

extension SQLiteStore: InboundStore {
    public func inboundTransaction<T>(_ body: (any InboundWriter) throws -> T) throws -> T {
        try pool.writeWithoutTransaction { db in
            var value: T?
            try db.inTransaction(.immediate) {
                value = try body(SQLiteInboundWriter(db))
                return .commit
            }
            return value!
        }
    }
}

/// An import transaction in single-row mode and a journey writer on one connection, plus the
/// event log. ``applying(_:)`` runs an event under its own savepoint, for batches that hold a failing event.
///
/// A writer lives for one group commit, but its statements come from the connection's cache, so
/// each SQL text is compiled once per process, not once per commit or per event.
final class SQLiteInboundWriter: InboundWriter {
    private let db: Database
    private let rows: SQLiteImportTransaction
    private let journeys: SQLiteJourneyWriter
    private var recordStatement: RawStatement?
    private var recipientStatement: RawStatement?
    private var savepoint: (begin: RawStatement, release: RawStatement, rollback: RawStatement)?
    /// Recipients repeat a few locale strings; parsing one costs more than the row's other columns.
    private let locales = ParsedLocales()

    init(_ db: Database) {
        self.db = db
        rows = SQLiteImportTransaction(db, bulk: false)
        journeys = SQLiteJourneyWriter(db)
    }

    func recordEvent(source: String, id: String, topic: String, at: Instant) throws -> Bool {
        if recordStatement == nil {
            recordStatement = try RawStatement(
                cached: db,
                """
                INSERT INTO webhook_events (source, event_id, topic, received_at) VALUES (?1, ?2, ?3, ?4)
                ON CONFLICT DO NOTHING
                """
            )
        }
        let statement = recordStatement!
        statement.bind(1, source)
        statement.bind(2, id)
        statement.bind(3, topic)
        statement.bind(4, at.millisecondsSince1970)
        return try statement.execute() == 1
    }

    func customerKey(id: String) throws -> Int64? { try rows.customerKey(id: id) }

    func recipient(key: Int64) throws -> Recipient? {
        if recipientStatement == nil {
            recipientStatement = try RawStatement(
                cached: db,
                """
                SELECT \(SQLiteStore.recipientColumns) FROM customers c \(SQLiteStore.recipientJoins)
                WHERE c.key = ?1
                """
            )
        }
        let statement = recipientStatement!
        statement.bind(1, key)
        defer { statement.reset() }
        guard try statement.step() else { return nil }
        return SQLiteStore.recipient(from: statement, at: 0, locale: locales.tag)
    }

    func applying<T>(_ body: () throws -> T) throws -> T {
        if savepoint == nil {
            let begin = try RawStatement(cached: db, "SAVEPOINT inbound_event")
            let release = try RawStatement(cached: db, "RELEASE inbound_event")
            savepoint = (begin, release, try RawStatement(cached: db, "ROLLBACK TO inbound_event"))
        }
        let (begin, release, rollback) = savepoint!
        try begin.execute()
        do {
            let value = try body()
            try release.execute()
            return value
        } catch {
            try rollback.execute()
            try release.execute()
            throw error
        }
    }

    // MARK: ImportTransaction

    func upsert(customers: [Customer], presentColumns: Set<String>) throws -> UpsertCounts {
        try rows.upsert(customers: customers, presentColumns: presentColumns)
    }

    func upsert(orders: [OrderRowParser.Row], customerKeys: [Int64]) throws -> UpsertCounts {
        try rows.upsert(orders: orders, customerKeys: customerKeys)
    }

    func finish() throws { try rows.finish() }

    // MARK: JourneyWriter

    func latestEntries(journey: String) throws -> [Int64: Instant] { try journeys.latestEntries(journey: journey) }

    func latestEntry(journey: String, customerKey: Int64) throws -> Instant? {
        try journeys.latestEntry(journey: journey, customerKey: customerKey)
    }

    func insertEnrolment(_ enrolment: NewEnrolment) throws -> Int64? { try journeys.insertEnrolment(enrolment) }

    func updateEnrolment(_ update: EnrolmentUpdate, now: Instant) throws {
        try journeys.updateEnrolment(update, now: now)
    }

    func insertOutbox(_ row: NewOutboxRow, now: Instant) throws -> Bool { try journeys.insertOutbox(row, now: now) }

    func markSnapshotEnrolled(journey: String, snapshot: Int64) throws {
        try journeys.markSnapshotEnrolled(journey: journey, snapshot: snapshot)
    }
}
