import GRDB
import HomingCore

extension SQLiteStore: JourneyStore {
    public func journeyTransaction<T>(_ body: (any JourneyWriter) throws -> (T, commit: Bool)) throws -> T {
        try pool.writeWithoutTransaction { db in
            var value: T?
            try db.inTransaction(.immediate) {
                let (result, commit) = try body(SQLiteJourneyWriter(db))
                value = result
                return commit ? .commit : .rollback
            }
            return value!
        }
    }

    public func dueEnrolments(now: Instant, limit: Int) throws -> [DueEnrolment] {
        try pool.read { db in
            // Cached: the dispatcher asks on every pass, and preparing this join cost more than
            // running it when nothing is due.
            try Row.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT e.id, e.journey, e.trigger_key, e.entered_at, e.next_step, e.segment, e.next_at,
                            (SELECT min(o.ordered_at) FROM orders o WHERE o.customer_key = e.customer_key
                                AND o.status = 'completed' AND o.ordered_at > e.entered_at),
                            \(Self.recipientColumns)
                        FROM enrolments e JOIN customers c ON c.key = e.customer_key \(Self.recipientJoins)
                        WHERE e.state = 'active' AND e.next_at <= ?
                        ORDER BY e.next_at LIMIT ?
                        """
                ),
                arguments: [now.millisecondsSince1970, limit]
            ).map { row in
                let ordered: Int64? = row[7]
                return DueEnrolment(
                    id: row[0],
                    journey: row[1],
                    triggerKey: row[2],
                    enteredAt: Instant(millisecondsSince1970: row[3]),
                    entrySegment: row[5],
                    nextStep: row[4],
                    dueAt: Instant(millisecondsSince1970: row[6]),
                    recipient: Self.recipient(from: row, at: 8),
                    firstOrderSinceEntry: ordered.map(Instant.init(millisecondsSince1970:))
                )
            }
        }
    }

    public func setPaused(_ paused: Bool, journey: String) throws -> Bool {
        try pool.write { db in
            let current = try Bool.fetchOne(
                db,
                sql: "SELECT paused FROM journey_controls WHERE journey = ?",
                arguments: [journey]
            )
            try db.execute(
                sql: """
                    INSERT INTO journey_controls (journey, paused) VALUES (?, ?)
                    ON CONFLICT (journey) DO UPDATE SET paused = excluded.paused
                    """,
                arguments: [journey, paused]
            )
            return (current ?? false) != paused
        }
    }

    public func pausedJourneys() throws -> Set<String> {
        try pool.read { db in
            Set(try String.fetchAll(db, sql: "SELECT journey FROM journey_controls WHERE paused = 1"))
        }
    }

    public func lastEnrolledSnapshot(journey: String) throws -> Int64? {
        try pool.read { db in
            try Int64.fetchOne(
                db,
                sql: "SELECT last_snapshot_id FROM journey_controls WHERE journey = ?",
                arguments: [journey]
            )
        }
    }
}

/// The writes of one planning transaction, on statements prepared once per transaction and bound
/// through the C API: a launch writes two rows per customer, and GRDB's argument arrays cost more
/// than the inserts.
final class SQLiteJourneyWriter: JourneyWriter {
    private let db: Database
    private var insertEnrolmentStatement: RawStatement?
    private var updateEnrolmentStatement: RawStatement?
    private var insertOutboxStatement: RawStatement?
    private var latestEntryStatement: RawStatement?

    init(_ db: Database) { self.db = db }

    private func prepared(_ statement: inout RawStatement?, _ sql: String) throws -> RawStatement {
        if let statement { return statement }
        let made = try RawStatement(cached: db, sql)
        statement = made
        return made
    }

    func latestEntries(journey: String) throws -> [Int64: Instant] {
        let statement = try RawStatement(
            db,
            "SELECT customer_key, max(entered_at) FROM enrolments WHERE journey = ? GROUP BY customer_key"
        )
        statement.bind(1, journey)
        var entries: [Int64: Instant] = [:]
        while try statement.step() {
            guard let key = statement.int64(0), let entered = statement.int64(1) else { continue }
            entries[key] = Instant(millisecondsSince1970: entered)
        }
        return entries
    }

    func latestEntry(journey: String, customerKey: Int64) throws -> Instant? {
        let statement = try prepared(
            &latestEntryStatement,
            "SELECT max(entered_at) FROM enrolments WHERE customer_key = ?1 AND journey = ?2"
        )
        statement.bind(1, customerKey)
        statement.bind(2, journey)
        defer { statement.reset() }
        guard try statement.step(), let entered = statement.int64(0) else { return nil }
        return Instant(millisecondsSince1970: entered)
    }

    func insertEnrolment(_ enrolment: NewEnrolment) throws -> Int64? {
        let statement = try prepared(
            &insertEnrolmentStatement,
            """
            INSERT INTO enrolments (journey, customer_key, trigger_key, entered_at, segment, state, next_step, next_at,
                ended_at, end_reason)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
            """
        )
        let entered = enrolment.enteredAt.millisecondsSince1970
        let active = enrolment.state == .active
        statement.bind(1, enrolment.journey)
        statement.bind(2, enrolment.customerKey)
        statement.bind(3, enrolment.triggerKey)
        statement.bind(4, entered)
        statement.bind(5, enrolment.segment)
        statement.bind(6, enrolment.state.rawValue)
        if let cursor = enrolment.cursor {
            // Written as `updateEnrolment` would have left it after planning at entry.
            statement.bind(7, Int64(cursor.nextStep))
            statement.bind(8, active ? cursor.nextAt?.millisecondsSince1970 : nil)
            statement.bind(9, active ? nil : entered)
            statement.bind(10, cursor.endReason)
        } else {
            statement.bind(7, Int64(0))
            statement.bind(8, active ? entered : nil)
            statement.bind(9, nil as Int64?)
            statement.bind(10, nil as String?)
        }
        return try statement.execute() == 1 ? statement.lastInsertedRowID : nil
    }

    func updateEnrolment(_ update: EnrolmentUpdate, now: Instant) throws {
        let statement = try prepared(
            &updateEnrolmentStatement,
            """
            UPDATE enrolments SET state = ?, next_step = ?, next_at = ?, ended_at = ?, end_reason = ?
            WHERE id = ?
            """
        )
        statement.bind(1, update.state.rawValue)
        statement.bind(2, Int64(update.nextStep))
        statement.bind(3, update.nextAt?.millisecondsSince1970)
        statement.bind(4, update.state == .active ? nil : now.millisecondsSince1970)
        statement.bind(5, update.endReason)
        statement.bind(6, update.id)
        try statement.execute()
    }

    func insertOutbox(_ row: NewOutboxRow, now: Instant) throws -> Bool {
        let statement = try prepared(
            &insertOutboxStatement,
            """
            INSERT INTO outbox (key, enrolment_id, journey, step, message, channel, customer_key, transactional,
                offer, state, due_at, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'scheduled', ?, ?, ?) ON CONFLICT (key) DO NOTHING
            """
        )
        statement.bind(1, row.key)
        statement.bind(2, row.enrolmentID)
        statement.bind(3, row.journey)
        statement.bind(4, row.stepID)
        statement.bind(5, row.message)
        statement.bind(6, row.channel)
        statement.bind(7, row.customerKey)
        statement.bind(8, row.transactional)
        statement.bind(9, row.offer)
        statement.bind(10, row.dueAt.millisecondsSince1970)
        statement.bind(11, now.millisecondsSince1970)
        statement.bind(12, now.millisecondsSince1970)
        return try statement.execute() == 1
    }

    func markSnapshotEnrolled(journey: String, snapshot: Int64) throws {
        try db.execute(
            sql: """
                INSERT INTO journey_controls (journey, last_snapshot_id) VALUES (?, ?)
                ON CONFLICT (journey) DO UPDATE SET last_snapshot_id = excluded.last_snapshot_id
                """,
            arguments: [journey, snapshot]
        )
    }
}
