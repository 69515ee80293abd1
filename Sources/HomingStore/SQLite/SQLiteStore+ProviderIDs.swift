import GRDB

/// Providers' message ids, indexed in batches (schema v9).
///
/// A send writes its provider id with `provider_id_pending = 1`: the row joins
/// outbox_provider_id_pending, keyed by row id, so the insert lands at the end of that index. Once
/// the pending ids span ``pendingProviderIDLimit`` rows, one statement moves them all into
/// outbox_by_provider_id, which then writes each of its leaves once for thousands of ids instead
/// of about once per id.
extension SQLiteStore {
    /// How many row ids the pending provider ids may span before they are indexed: the most a
    /// lookup by provider id scans (a few hundred microseconds), against one WAL page per index
    /// leaf per batch.
    static let pendingProviderIDLimit: Int64 = 4096

    /// Indexes the pending provider ids once they span at least `threshold` row ids; returns how
    /// many it indexed.
    ///
    /// The span, not the count: two probes at the ends of outbox_provider_id_pending, where
    /// `count(*)` read all of it on every pass. Rows sent in order make the two the same; rows
    /// between them that are not pending (other journeys, skips) only make batches smaller.
    @discardableResult
    static func indexPendingProviderIDs(_ db: Database, threshold: Int64 = pendingProviderIDLimit) throws -> Int {
        var ends: [Int64] = []
        for end in ["min", "max"] {
            let probe = try RawStatement(
                cached: db,
                """
                SELECT \(end)(id) FROM outbox INDEXED BY outbox_provider_id_pending
                WHERE provider_id_pending IS NOT NULL
                """
            )
            defer { probe.reset() }
            if try probe.step(), let id = probe.int64(0) { ends.append(id) }
        }
        guard ends.count == 2, ends[1] - ends[0] + 1 >= threshold else { return 0 }
        let index = try RawStatement(
            cached: db,
            "UPDATE outbox SET provider_id_pending = NULL WHERE provider_id_pending IS NOT NULL"
        )
        return try index.execute()
    }

    /// The row with provider id `id` on `channel`: a probe of the index, then the pending ids.
    static func outboxRow(
        providerID id: String,
        channel: String,
        in db: Database
    ) throws -> (
        id: Int64, customerKey: Int64
    )? {
        for sql in [
            """
            SELECT id, customer_key FROM outbox
            WHERE provider_message_id = ?1 AND provider_id_pending IS NULL AND channel = ?2 LIMIT 1
            """,
            """
            SELECT id, customer_key FROM outbox
            WHERE provider_id_pending IS NOT NULL AND provider_message_id = ?1 AND channel = ?2 LIMIT 1
            """,
        ] {
            let select = try RawStatement(cached: db, sql)
            select.bind(1, id)
            select.bind(2, channel)
            defer { select.reset() }
            if try select.step(), let row = select.int64(0), let customer = select.int64(1) { return (row, customer) }
        }
        return nil
    }
}
