import GRDB

/// Providers' message ids, indexed in batches (schema v9).
///
/// A send writes its provider id with `provider_id_pending = 1`, which files it in
/// outbox_provider_id_pending: a small index whose few leaves every pass rewrites anyway. Once it
/// holds ``pendingProviderIDLimit`` ids, one statement moves them all into outbox_by_provider_id,
/// which then writes each of its leaves once for thousands of ids instead of about once per id.
extension SQLiteStore {
    /// How many pending provider ids wait before they are indexed: the pending index's size (a few
    /// hundred KiB, rewritten per pass) against one WAL page per big-index leaf per batch.
    static let pendingProviderIDLimit = 4096

    /// Indexes the pending provider ids once there are at least `threshold` of them; returns how
    /// many it indexed. Counting reads the small pending index alone.
    @discardableResult
    static func indexPendingProviderIDs(_ db: Database, threshold: Int = pendingProviderIDLimit) throws -> Int {
        let count = try RawStatement(
            cached: db,
            """
            SELECT count(*) FROM outbox INDEXED BY outbox_provider_id_pending
            WHERE provider_id_pending IS NOT NULL
            """
        )
        defer { count.reset() }
        guard try count.step(), let pending = count.int64(0), pending >= threshold else { return 0 }
        let index = try RawStatement(
            cached: db,
            "UPDATE outbox SET provider_id_pending = NULL WHERE provider_id_pending IS NOT NULL"
        )
        return try index.execute()
    }

    /// Finds the row whose provider id is in outbox_by_provider_id. Each lookup repeats its partial
    /// index's WHERE, without which SQLite would scan the outbox (`ProviderIDIndexTests` checks the plans).
    static let providerIDIndexedLookup = """
        SELECT id, customer_key FROM outbox
        WHERE provider_message_id = ?1 AND provider_id_pending IS NULL AND channel = ?2 LIMIT 1
        """
    /// Finds the row whose provider id is still in outbox_provider_id_pending.
    static let providerIDPendingLookup = """
        SELECT id, customer_key FROM outbox
        WHERE provider_id_pending IS NOT NULL AND provider_message_id = ?1 AND channel = ?2 LIMIT 1
        """

    /// The row with provider id `id` on `channel`: a probe of the index, then the pending ids.
    static func outboxRow(
        providerID id: String,
        channel: String,
        in db: Database
    ) throws -> (
        id: Int64, customerKey: Int64
    )? {
        for sql in [providerIDIndexedLookup, providerIDPendingLookup] {
            let select = try RawStatement(cached: db, sql)
            select.bind(1, id)
            select.bind(2, channel)
            defer { select.reset() }
            if try select.step(), let row = select.int64(0), let customer = select.int64(1) { return (row, customer) }
        }
        return nil
    }
}
