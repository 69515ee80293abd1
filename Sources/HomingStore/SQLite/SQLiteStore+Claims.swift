import GRDB
import HomingCore

/// Claiming due outbox rows, one journey at a time.
///
/// `outbox_due` indexes claimable rows by (journey, due_at) (migration v8), so a pass reads each
/// running journey's earliest rows directly. A paused journey's rows stay claimable, and with an
/// index on due_at alone every pass stepped over all of them: a webhook flood into a paused journey
/// made each pass of `homing serve`'s dispatcher read the whole backlog.
extension SQLiteStore {
    public func nextDueInstant() throws -> Instant? {
        try pool.read { db in
            let earliest = try RawStatement(
                cached: db,
                """
                SELECT o.state = 'claimed', CASE WHEN o.state = 'claimed' THEN o.lease_until ELSE o.due_at END
                FROM outbox o WHERE \(Self.claimableStates("o")) AND o.journey = ?1 ORDER BY o.due_at
                """
            )
            var next = try Int64.fetchOne(db, sql: "SELECT min(next_at) FROM enrolments WHERE state = 'active'")
            for journey in try Self.runningJourneys(in: db) {
                earliest.bind(1, journey)
                defer { earliest.reset() }
                // A claimed row waits for its lease, which ends after its due time; the first row
                // not claimed is due before every row after it.
                while try earliest.step() {
                    let instant = earliest.int64(1) ?? .max
                    next = min(next ?? instant, instant)
                    if earliest.int64(0) == 0 { break }
                }
            }
            return next.map(Instant.init(millisecondsSince1970:))
        }
    }

    /// One index probe per journey in `outbox_due` (a skip scan), paused journeys left out.
    static let runningJourneysSQL = """
        WITH RECURSIVE claimable(journey) AS (
            SELECT (SELECT min(o.journey) FROM outbox o WHERE \(claimableStates("o")))
            UNION ALL
            SELECT (
                SELECT min(o.journey) FROM outbox o
                WHERE \(claimableStates("o")) AND o.journey > claimable.journey
            )
            FROM claimable WHERE claimable.journey IS NOT NULL
        )
        SELECT journey FROM claimable WHERE journey IS NOT NULL
            AND journey NOT IN (SELECT journey FROM journey_controls WHERE paused = 1)
        """

    /// A journey's (?3) earliest rows due by ?1, at most ?2. The state test, spelled as outbox_due
    /// spells it, lets SQLite use that partial index.
    static let dueRowsSQL = """
        SELECT o.id, o.key, o.journey, o.step, o.message, o.channel, o.transactional, o.offer,
            o.attempts, e.trigger_key, o.due_at, \(recipientColumns)
        FROM outbox o
        JOIN enrolments e ON e.id = o.enrolment_id
        JOIN customers c ON c.key = o.customer_key \(recipientJoins)
        WHERE \(claimableStates("o")) AND o.journey = ?3 AND o.due_at <= ?1
            AND (o.state != 'claimed' OR o.lease_until < ?1)
        ORDER BY o.due_at LIMIT ?2
        """

    /// The journeys with claimable rows that are not paused, found with one index probe per journey.
    static func runningJourneys(in db: Database) throws -> [String] {
        let journeys = try RawStatement(cached: db, runningJourneysSQL)
        defer { journeys.reset() }
        var names: [String] = []
        while try journeys.step() { names.append(journeys.string(0) ?? "") }
        return names
    }

    /// Claims up to `limit` due rows, earliest first across journeys, under a lease for `worker`.
    static func claim(
        in db: Database,
        now: Instant,
        limit: Int,
        lease: Duration,
        worker: String
    ) throws -> [ClaimedMessage] {
        let nowMS = now.millisecondsSince1970
        let leaseEnd = nowMS + lease.components.seconds * 1000 + lease.components.attoseconds / 1_000_000_000_000_000
        let journeys = try runningJourneys(in: db)
        var due: [(at: Int64, message: ClaimedMessage)] = []
        for journey in journeys {
            try dueRows(in: db, journey: journey, now: nowMS, limit: limit, into: &due)
        }
        if journeys.count > 1 {
            // Each journey gave its earliest rows; the earliest of all, ties in insertion order, win.
            due.sort { ($0.at, $0.message.id) < ($1.at, $1.message.id) }
            due.removeLast(max(0, due.count - limit))
        }
        // On the C API and prepared once per connection: GRDB's Row and argument arrays, and
        // preparing with GRDB's authorizer on every pass, cost more than the statements.
        let claim = try RawStatement(
            cached: db,
            "UPDATE outbox SET state = 'claimed', lease_until = ?, claimed_by = ?, updated_at = ? WHERE id = ?"
        )
        claim.bind(1, leaseEnd)
        claim.bind(2, worker)
        claim.bind(3, nowMS)
        for row in due {
            claim.bind(4, row.message.id)
            try claim.execute()
        }
        return due.map(\.message)
    }

    /// Appends `journey`'s earliest claimable rows due by `now`, at most `limit`.
    private static func dueRows(
        in db: Database,
        journey: String,
        now: Int64,
        limit: Int,
        into due: inout [(at: Int64, message: ClaimedMessage)]
    ) throws {
        let select = try RawStatement(cached: db, dueRowsSQL)
        select.bind(1, now)
        select.bind(2, Int64(limit))
        select.bind(3, journey)
        defer { select.reset() }
        let locales = ParsedLocales()
        while try select.step() {
            let message = ClaimedMessage(
                id: select.int64(0) ?? 0,
                key: select.string(1) ?? "",
                journey: select.string(2) ?? "",
                stepID: select.string(3) ?? "",
                message: select.string(4) ?? "",
                channel: select.string(5) ?? "",
                transactional: (select.int64(6) ?? 0) != 0,
                offer: select.string(7),
                attempts: Int(select.int64(8) ?? 0),
                triggerKey: select.string(9) ?? "",
                recipient: recipient(from: select, at: 11, locale: locales.tag)
            )
            due.append((select.int64(10) ?? 0, message))
        }
    }
}
