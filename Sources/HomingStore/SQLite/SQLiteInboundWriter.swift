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
/// event log; each event runs under its own savepoint.
final class SQLiteInboundWriter: InboundWriter {
    private let db: Database
    private let rows: SQLiteImportTransaction
    private let journeys: SQLiteJourneyWriter
    private var recordStatement: RawStatement?
    private var recipientStatement: RawStatement?

    init(_ db: Database) {
        self.db = db
        rows = SQLiteImportTransaction(db, bulk: false)
        journeys = SQLiteJourneyWriter(db)
    }

    func recordEvent(source: String, id: String, topic: String, at: Instant) throws -> Bool {
        if recordStatement == nil {
            recordStatement = try RawStatement(
                db,
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
                db,
                """
                SELECT \(SQLiteStore.recipientColumns) FROM customers c \(SQLiteStore.recipientJoins)
                WHERE c.key = ?1
                """
            )
        }
        let statement = recipientStatement!
        statement.bind(1, key)
        defer { statement.reset() }
        return try statement.step() ? SQLiteStore.recipient(from: statement, at: 0) : nil
    }

    func applying<T>(_ body: () throws -> T) throws -> T {
        try db.execute(sql: "SAVEPOINT inbound_event")
        do {
            let value = try body()
            try db.execute(sql: "RELEASE inbound_event")
            return value
        } catch {
            try db.execute(sql: "ROLLBACK TO inbound_event; RELEASE inbound_event")
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
