import Foundation
import GRDB
import HomingCore

extension SQLiteStore {
    public func claimDue(now: Instant, limit: Int, lease: Duration, worker: String) throws -> [ClaimedMessage] {
        try pool.write { db in try Self.claim(in: db, now: now, limit: limit, lease: lease, worker: worker) }
    }

    public func record(_ records: [DeliveryRecord], worker: String, now: Instant) throws {
        guard !records.isEmpty else { return }
        try pool.write { db in try Self.write(records, in: db, worker: worker, now: now) }
    }

    public func recordAndClaim(
        _ records: [DeliveryRecord],
        worker: String,
        now: Instant,
        claimLimit: Int,
        lease: Duration
    ) throws -> [ClaimedMessage] {
        guard !records.isEmpty || claimLimit > 0 else { return [] }
        // One transaction, so one commit (and one set of WAL frames for the outbox pages both touch)
        // per dispatcher pass instead of two.
        return try pool.write { db in
            try Self.write(records, in: db, worker: worker, now: now)
            guard claimLimit > 0 else { return [] }
            return try Self.claim(in: db, now: now, limit: claimLimit, lease: lease, worker: worker)
        }
    }

    private static func write(_ records: [DeliveryRecord], in db: Database, worker: String, now: Instant) throws {
        guard !records.isEmpty else { return }
        let nowMS = now.millisecondsSince1970
        do {
            let finish = try RawStatement(
                cached: db,
                """
                UPDATE outbox SET state = ?1, due_at = coalesce(?2, due_at), attempts = attempts + ?3,
                    provider_message_id = coalesce(?4, provider_message_id),
                    provider_id_pending = CASE WHEN ?4 IS NULL THEN provider_id_pending ELSE 1 END,
                    locale = coalesce(?5, locale), reason = ?6, sent_at = ?7, lease_until = NULL,
                    claimed_by = NULL, updated_at = ?8
                WHERE id = ?9 AND state = 'claimed' AND claimed_by = ?10
                """
            )
            finish.bind(8, nowMS)
            finish.bind(10, worker)
            var providerIDs = false
            for record in records {
                var state = OutboxState.sent
                var dueAt: Int64?
                var attempt: Int64 = 1
                var providerID: String?
                var locale: String?
                var reason: String?
                var sentAt: Int64?
                switch record.result {
                case .sent(let id, let tag):
                    (providerID, locale, sentAt) = (id, tag, nowMS)
                    providerIDs = providerIDs || id != nil
                case .retry(let due, let why):
                    (state, dueAt, reason) = (.retry, due.millisecondsSince1970, why)
                case .deferred(let due, let why):
                    (state, dueAt, reason, attempt) = (.scheduled, due.millisecondsSince1970, why, 0)
                case .dead(let why):
                    (state, reason) = (.dead, why)
                case .skipped(let why):
                    (state, reason, attempt) = (.skipped, why, 0)
                case .suppressed(let why, let address):
                    (state, reason, attempt) = (.suppressed, why, address == nil ? 0 : 1)
                    if let address {
                        try insertSuppression(
                            db,
                            channel: record.channel,
                            address: address,
                            reason: why,
                            at: nowMS
                        )
                    }
                }
                finish.bind(1, state.rawValue)
                finish.bind(2, dueAt)
                finish.bind(3, attempt)
                finish.bind(4, providerID)
                finish.bind(5, locale)
                finish.bind(6, reason)
                finish.bind(7, sentAt)
                finish.bind(9, record.outboxID)
                try finish.execute()
            }
            if providerIDs { try indexPendingProviderIDs(db) }
        }
    }

    public func releaseClaims(worker: String) throws -> Int {
        try pool.write { db in
            try db.execute(
                sql: """
                    UPDATE outbox SET state = CASE WHEN attempts > 0 THEN 'retry' ELSE 'scheduled' END,
                        lease_until = NULL, claimed_by = NULL
                    WHERE state = 'claimed' AND claimed_by = ?
                    """,
                arguments: [worker]
            )
            return db.changesCount
        }
    }

    public func marketingSends(customerKeys: [Int64], since: Instant) throws -> [Int64: [MarketingSend]] {
        guard !customerKeys.isEmpty else { return [:] }
        return try pool.read { db in
            // One statement per connection for any batch: the keys travel as one JSON array, where
            // an IN list of ? per key was a new statement (and prepare) for every batch size.
            let select = try RawStatement(
                cached: db,
                """
                SELECT customer_key, id, channel, sent_at FROM outbox
                WHERE customer_key IN (SELECT value FROM json_each(?1))
                    AND state = 'sent' AND sent_at >= ?2 AND transactional = 0
                """
            )
            select.bind(1, "[" + customerKeys.map(String.init).joined(separator: ",") + "]")
            select.bind(2, since.millisecondsSince1970)
            defer { select.reset() }
            var sends: [Int64: [MarketingSend]] = [:]
            while try select.step() {
                let send = MarketingSend(
                    outboxID: select.int64(1) ?? 0,
                    channel: select.string(2) ?? "",
                    sentAt: Instant(millisecondsSince1970: select.int64(3) ?? 0)
                )
                sends[select.int64(0) ?? 0, default: []].append(send)
            }
            return sends
        }
    }

    public func isSuppressed(channel: String, address: String) throws -> Bool {
        try !suppressedAddresses(channel: channel, among: [address]).isEmpty
    }

    public func suppressedAddresses(channel: String, among addresses: [String]) throws -> Set<String> {
        guard !addresses.isEmpty else { return [] }
        // Escaped as JSON (quotes, backslashes, control characters), which json_each reads back
        // exactly; written by hand, as JSONEncoder was a third of this lookup's CPU per batch.
        var json = JSONBytes(capacity: addresses.reduce(2) { $0 + $1.utf8.count + 3 })
        json.raw("[")
        for (index, address) in addresses.enumerated() {
            if index > 0 { json.raw(",") }
            json.string(address)
        }
        json.raw("]")
        let list = String(decoding: json.bytes, as: UTF8.self)
        return try pool.read { db in
            let select = try RawStatement(
                cached: db,
                """
                SELECT address FROM suppressions
                WHERE channel = ?1 AND address IN (SELECT value FROM json_each(?2))
                """
            )
            select.bind(1, channel)
            select.bind(2, list)
            defer { select.reset() }
            var found = Set<String>()
            while try select.step() {
                if let address = select.string(0) { found.insert(address) }
            }
            return found
        }
    }

    static func insertSuppression(_ db: Database, channel: String, address: String, reason: String, at: Int64) throws {
        try db.cachedStatement(
            sql:
                "INSERT INTO suppressions (channel, address, reason, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING"
        ).execute(arguments: [channel, address, reason, at])
    }

    public func requeueDead(journey: String?, now: Instant) throws -> Int {
        try pool.write { db in
            try db.execute(
                sql: """
                    UPDATE outbox SET state = 'retry', attempts = 0, due_at = ?, updated_at = ?
                    WHERE state = 'dead' AND (? IS NULL OR journey = ?)
                    """,
                arguments: [now.millisecondsSince1970, now.millisecondsSince1970, journey, journey]
            )
            return db.changesCount
        }
    }

    public func outboxDepth() throws -> [OutboxState: Int] {
        try pool.read { db in
            var depth = Dictionary(uniqueKeysWithValues: OutboxState.allCases.map { ($0, 0) })
            for row in try Row.fetchAll(db, sql: "SELECT state, count(*) FROM outbox GROUP BY state") {
                if let state = OutboxState(rawValue: row[0]) { depth[state] = row[1] }
            }
            return depth
        }
    }

    public func journeyStatus(journey: String?) throws -> JourneyStatusReport {
        try pool.read { db in
            var report = JourneyStatusReport()
            let filter = "(? IS NULL OR journey = ?)"
            report.enrolments = try Row.fetchAll(
                db,
                sql: "SELECT journey, state, count(*) FROM enrolments WHERE \(filter) GROUP BY 1, 2 ORDER BY 1, 2",
                arguments: [journey, journey]
            ).map { (journey: $0[0], state: $0[1], count: $0[2]) }
            report.deliveries = try Row.fetchAll(
                db,
                sql: """
                    SELECT journey, state, channel, locale, count(*) FROM outbox WHERE \(filter)
                    GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
                    """,
                arguments: [journey, journey]
            ).map { (journey: $0[0], state: $0[1], channel: $0[2], locale: $0[3], count: $0[4]) }
            report.reasons = try Row.fetchAll(
                db,
                sql: """
                    SELECT journey, state, reason, count(*) FROM outbox
                    WHERE \(filter) AND reason IS NOT NULL AND state IN ('dead', 'retry', 'skipped', 'suppressed', 'scheduled')
                    GROUP BY 1, 2, 3 ORDER BY max(updated_at) DESC LIMIT 10
                    """,
                arguments: [journey, journey]
            ).map { (journey: $0[0], state: $0[1], reason: $0[2], count: $0[3]) }
            report.paused = Set(try String.fetchAll(db, sql: "SELECT journey FROM journey_controls WHERE paused = 1"))
            return report
        }
    }
}

extension SQLiteStore {
    /// Every outbox row, oldest first (all journeys when nil).
    public func outboxEntries(journey: String? = nil) throws -> [OutboxEntry] {
        try pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT o.key, o.journey, o.step, o.message, o.channel, c.id, o.state, o.reason, o.due_at,
                        o.attempts, o.offer
                    FROM outbox o JOIN customers c ON c.key = o.customer_key
                    WHERE (? IS NULL OR o.journey = ?) ORDER BY o.id
                    """,
                arguments: [journey, journey]
            ).map { row in
                OutboxEntry(
                    key: row[0],
                    journey: row[1],
                    stepID: row[2],
                    message: row[3],
                    channel: row[4],
                    customerID: row[5],
                    state: OutboxState(rawValue: row[6]) ?? .scheduled,
                    reason: row[7],
                    dueAt: Instant(millisecondsSince1970: row[8]),
                    attempts: row[9],
                    offer: row[10]
                )
            }
        }
    }

    /// (customer id, state, end reason) of every enrolment in `journey`.
    public func enrolmentStates(journey: String) throws -> [(customerID: String, state: String, reason: String?)] {
        try pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT c.id, e.state, e.end_reason FROM enrolments e JOIN customers c ON c.key = e.customer_key
                    WHERE e.journey = ? ORDER BY e.id
                    """,
                arguments: [journey]
            ).map { (customerID: $0[0], state: $0[1], reason: $0[2]) }
        }
    }
}
