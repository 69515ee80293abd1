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
            try Row.fetchAll(
                db,
                sql: """
                    SELECT e.id, e.journey, e.trigger_key, e.entered_at, e.next_step, e.segment, e.next_at,
                        (SELECT min(o.ordered_at) FROM orders o WHERE o.customer_key = e.customer_key
                            AND o.status = 'completed' AND o.ordered_at > e.entered_at),
                        \(Self.recipientColumns)
                    FROM enrolments e JOIN customers c ON c.key = e.customer_key \(Self.recipientJoins)
                    WHERE e.state = 'active' AND e.next_at <= ?
                    ORDER BY e.next_at LIMIT ?
                    """,
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

/// The writes of one planning transaction, on statements prepared once per transaction.
final class SQLiteJourneyWriter: JourneyWriter {
    private let db: Database

    init(_ db: Database) { self.db = db }

    func latestEntry(journey: String, customerKey: Int64) throws -> Instant? {
        try Int64.fetchOne(
            db.cachedStatement(
                sql: "SELECT max(entered_at) FROM enrolments WHERE customer_key = ? AND journey = ?"
            ),
            arguments: [customerKey, journey]
        ).map(Instant.init(millisecondsSince1970:))
    }

    func insertEnrolment(_ enrolment: NewEnrolment) throws -> Int64? {
        let statement = try db.cachedStatement(
            sql: """
                INSERT INTO enrolments (journey, customer_key, trigger_key, entered_at, segment, state, next_step, next_at)
                VALUES (?, ?, ?, ?, ?, ?, 0, ?) ON CONFLICT DO NOTHING
                """
        )
        let entered = enrolment.enteredAt.millisecondsSince1970
        try statement.execute(arguments: [
            enrolment.journey, enrolment.customerKey, enrolment.triggerKey, entered, enrolment.segment,
            enrolment.state.rawValue, enrolment.state == .active ? entered : nil,
        ])
        return db.changesCount == 1 ? db.lastInsertedRowID : nil
    }

    func updateEnrolment(_ update: EnrolmentUpdate, now: Instant) throws {
        let ended = update.state == .active ? nil : now.millisecondsSince1970
        try db.cachedStatement(
            sql: """
                UPDATE enrolments SET state = ?, next_step = ?, next_at = ?, ended_at = ?, end_reason = ?
                WHERE id = ?
                """
        ).execute(arguments: [
            update.state.rawValue, update.nextStep, update.nextAt?.millisecondsSince1970, ended, update.endReason,
            update.id,
        ])
    }

    func insertOutbox(_ row: NewOutboxRow, now: Instant) throws -> Bool {
        try db.cachedStatement(
            sql: """
                INSERT INTO outbox (key, enrolment_id, journey, step, message, channel, customer_key, transactional,
                    offer, state, due_at, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'scheduled', ?, ?, ?) ON CONFLICT (key) DO NOTHING
                """
        ).execute(arguments: [
            row.key, row.enrolmentID, row.journey, row.stepID, row.message, row.channel, row.customerKey,
            row.transactional, row.offer, row.dueAt.millisecondsSince1970, now.millisecondsSince1970,
            now.millisecondsSince1970,
        ])
        return db.changesCount == 1
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
