import GRDB

extension SQLiteStore {
    /// Also used by bulk imports, which drop the index and build it again after loading an empty table.
    static let createOrdersByCustomer = "CREATE INDEX orders_by_customer ON orders(customer_key, ordered_at)"
    /// The same for customers' address indexes (v4), which provider opt-outs look up.
    static let createCustomerAddressIndexes = """
        CREATE INDEX customers_by_phone ON customers(phone) WHERE phone IS NOT NULL;
        CREATE INDEX customers_by_email ON customers(email COLLATE NOCASE) WHERE email IS NOT NULL;
        """
    static let dropCustomerAddressIndexes = "DROP INDEX customers_by_phone; DROP INDEX customers_by_email"

    /// The schema, one migration per change; never edit a shipped migration, add a new one.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: customers, orders, aggregates, segment snapshots") { db in
            // Customers get a dense integer key so orders and aggregates join on integers, not strings.
            try db.execute(
                sql: """
                    CREATE TABLE customers (
                        key INTEGER PRIMARY KEY,
                        id TEXT NOT NULL UNIQUE,
                        email TEXT, phone TEXT, push_token TEXT,
                        first_name TEXT, last_name TEXT,
                        locale TEXT, timezone TEXT, country TEXT,
                        signup_at INTEGER,
                        consent_email INTEGER NOT NULL DEFAULT 0,
                        consent_sms INTEGER NOT NULL DEFAULT 0,
                        consent_push INTEGER NOT NULL DEFAULT 0
                    );
                    -- Times are UTC milliseconds; money is integer minor units (base_minor in the base currency).
                    CREATE TABLE orders (
                        id TEXT PRIMARY KEY,
                        customer_key INTEGER NOT NULL REFERENCES customers(key),
                        ordered_at INTEGER NOT NULL,
                        amount_minor INTEGER NOT NULL,
                        currency TEXT NOT NULL,
                        base_minor INTEGER NOT NULL,
                        status TEXT NOT NULL CHECK (status IN ('completed', 'refunded', 'cancelled')),
                        items TEXT,
                        promo_code TEXT
                    ) WITHOUT ROWID;
                    \(createOrdersByCustomer);
                    -- One row per customer with a completed order, kept current by every import. It repeats
                    -- the customer id so scoring reads this table alone, not the much larger customers table.
                    CREATE TABLE customer_aggregates (
                        customer_key INTEGER PRIMARY KEY REFERENCES customers(key),
                        customer_id TEXT NOT NULL,
                        first_order_at INTEGER NOT NULL,
                        last_order_at INTEGER NOT NULL,
                        completed_orders INTEGER NOT NULL,
                        monetary_minor INTEGER NOT NULL
                    );
                    CREATE TABLE segment_snapshots (
                        id INTEGER PRIMARY KEY,
                        as_of INTEGER NOT NULL,
                        method TEXT NOT NULL,
                        created_at INTEGER NOT NULL
                    );
                    CREATE TABLE segment_memberships (
                        snapshot_id INTEGER NOT NULL REFERENCES segment_snapshots(id) ON DELETE CASCADE,
                        customer_key INTEGER NOT NULL REFERENCES customers(key),
                        segment TEXT NOT NULL,
                        r INTEGER NOT NULL, f INTEGER NOT NULL, m INTEGER NOT NULL,
                        PRIMARY KEY (snapshot_id, customer_key)
                    ) WITHOUT ROWID;
                    CREATE INDEX segment_memberships_by_customer ON segment_memberships(customer_key, snapshot_id);
                    """
            )
        }
        migrator.registerMigration("v2: journeys, enrolments, outbox, suppressions") { db in
            try db.execute(sql: journeySchema)
        }
        migrator.registerMigration("v3: inbound webhook events, provider delivery reports") { db in
            try db.execute(sql: inboundSchema)
        }
        migrator.registerMigration("v4: customers found by address, for provider opt-outs") { db in
            // A Twilio STOP names a phone and a SendGrid unsubscribe an email; without these, each
            // one scanned every customer inside the write transaction that webhooks share.
            try db.execute(sql: createCustomerAddressIndexes)
        }
        migrator.registerMigration("v5: outbox and enrolment states checked without IN lists") { db in
            // SQLite evaluates `state IN (…)` with three or more constants by building a temporary
            // B-tree (its own pager and a 16 KiB page) on every execution of a statement that writes
            // `state`: the CHECK and the partial index outbox_due cost three of them per outbox
            // UPDATE, about half of the dispatcher's SQLite time. The same tests written with OR
            // are plain comparisons. A CHECK cannot be altered, so both tables are rebuilt (foreign
            // keys are checked once at the end, GRDB's default for a migration).
            try db.execute(sql: stateChecksWithoutLists)
        }
        migrator.registerMigration("v6: SMS consent withdrawn by recipients, for opt-in replies") { db in
            try db.execute(sql: smsConsentWithdrawalsSchema)
        }
        migrator.registerMigration("v7: order status checked without an IN list") { db in
            try rewriteOrderStatusCheck(db)
        }
        migrator.registerMigration("v8: due outbox rows indexed per journey") { db in
            // A paused journey's due rows stay claimable; with the index on due_at alone every
            // dispatcher pass stepped over all of them to reach another journey's rows.
            try db.execute(
                sql: """
                    DROP INDEX outbox_due;
                    CREATE INDEX outbox_due ON outbox(journey, due_at)
                        WHERE (state = 'scheduled' OR state = 'retry' OR state = 'claimed');
                    """
            )
        }
        migrator.registerMigration("v9: provider ids indexed in batches") { db in
            try db.execute(sql: providerIDsIndexedInBatches)
        }
        return migrator
    }

    /// Rewrites the orders table's `status IN (…)` CHECK as the same test with OR, in the stored
    /// schema only: with three constants SQLite builds a temporary B-tree for it on every execution
    /// of a statement writing orders (4–5 µs per one-row INSERT, i.e. per webhook order and per
    /// re-imported changed order). Rebuilding the table would copy every order; SQLite documents
    /// this edit of `sqlite_schema` for constraint changes that leave the stored rows valid, which
    /// an equivalent CHECK does.
    static func rewriteOrderStatusCheck(_ db: Database) throws {
        let listed = "CHECK (status IN ('completed', 'refunded', 'cancelled'))"
        let spelled = "CHECK (status = 'completed' OR status = 'refunded' OR status = 'cancelled')"
        let schemaSQL = "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'orders'"
        guard let table = try String.fetchOne(db, sql: schemaSQL), table.contains(listed) else { return }
        let version = try Int.fetchOne(db, sql: "PRAGMA schema_version") ?? 0
        try db.execute(sql: "PRAGMA writable_schema = ON")
        try db.execute(
            sql: "UPDATE sqlite_schema SET sql = ? WHERE type = 'table' AND name = 'orders'",
            arguments: [table.replacingOccurrences(of: listed, with: spelled)]
        )
        // A new schema version makes every connection, this one included, parse the schema again.
        try db.execute(sql: "PRAGMA schema_version = \(version + 1)")
        try db.execute(sql: "PRAGMA writable_schema = OFF")
        db.clearSchemaCache()
    }

    /// Whose SMS consent the recipient withdrew (a STOP reply, Twilio error 21610, an unsubscribe
    /// link), so an opt-in reply (START) gives back exactly that and never grants consent the shop
    /// did not have; one row per customer, the latest withdrawal.
    private static let smsConsentWithdrawalsSchema = """
        CREATE TABLE sms_consent_withdrawals (
            customer_key INTEGER PRIMARY KEY REFERENCES customers(key),
            phone TEXT NOT NULL,
            source TEXT NOT NULL,
            withdrawn_at INTEGER NOT NULL
        );
        CREATE INDEX sms_consent_withdrawals_by_phone ON sms_consent_withdrawals(phone);
        """

    /// Enrolments carry the journey cursor; the outbox holds every planned send (DESIGN §5).
    private static let journeySchema = """
        CREATE TABLE journey_controls (
            journey TEXT PRIMARY KEY,
            paused INTEGER NOT NULL DEFAULT 0,
            -- The last segment snapshot whose entrants this journey has enrolled.
            last_snapshot_id INTEGER
        );
        -- One row per (journey, customer, trigger): the trigger is the order id for journeys that run
        -- once per order, the entry time for re-entries, and '' for a first entry; the unique key is
        -- what makes concurrent launches and repeated webhooks enrol a customer once.
        CREATE TABLE enrolments (
            id INTEGER PRIMARY KEY,
            journey TEXT NOT NULL,
            customer_key INTEGER NOT NULL REFERENCES customers(key),
            trigger_key TEXT NOT NULL,
            entered_at INTEGER NOT NULL,
            segment TEXT,
            state TEXT NOT NULL
                CHECK (state IN ('active', 'control', 'completed', 'exited', 'converted')),
            next_step INTEGER NOT NULL DEFAULT 0,
            next_at INTEGER,
            ended_at INTEGER,
            end_reason TEXT,
            UNIQUE (journey, customer_key, trigger_key)
        );
        CREATE INDEX enrolments_due ON enrolments(next_at) WHERE state = 'active';
        CREATE INDEX enrolments_by_customer ON enrolments(customer_key, journey);
        CREATE TABLE outbox (
            id INTEGER PRIMARY KEY,
            key TEXT NOT NULL UNIQUE,
            enrolment_id INTEGER NOT NULL REFERENCES enrolments(id),
            journey TEXT NOT NULL,
            step TEXT NOT NULL,
            message TEXT NOT NULL,
            channel TEXT NOT NULL,
            customer_key INTEGER NOT NULL REFERENCES customers(key),
            transactional INTEGER NOT NULL,
            offer TEXT,
            state TEXT NOT NULL CHECK (state IN
                ('scheduled', 'claimed', 'sent', 'retry', 'dead', 'skipped', 'suppressed')),
            due_at INTEGER NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            lease_until INTEGER,
            claimed_by TEXT,
            locale TEXT,
            provider_message_id TEXT,
            reason TEXT,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            sent_at INTEGER
        );
        CREATE INDEX outbox_due ON outbox(due_at) WHERE state IN ('scheduled', 'retry', 'claimed');
        CREATE INDEX outbox_sent_by_customer ON outbox(customer_key, sent_at) WHERE state = 'sent';
        CREATE INDEX outbox_by_journey ON outbox(journey, state);
        CREATE TABLE suppressions (
            channel TEXT NOT NULL,
            address TEXT NOT NULL,
            reason TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            PRIMARY KEY (channel, address)
        ) WITHOUT ROWID;
        """

    /// What the server receives: webhook events (deduplicated by source and id) and what providers
    /// report about messages after accepting them.
    private static let inboundSchema = """
        -- One row per accepted event; the primary key is what makes a redelivered webhook a no-op.
        -- source is 'shopify' or 'events'; event_id is X-Shopify-Event-Id (or X-Shopify-Webhook-Id)
        -- or webhook-id.
        CREATE TABLE webhook_events (
            source TEXT NOT NULL,
            event_id TEXT NOT NULL,
            topic TEXT NOT NULL,
            received_at INTEGER NOT NULL,
            PRIMARY KEY (source, event_id)
        ) WITHOUT ROWID;
        -- What the provider said after it accepted the message (delivered, bounced, dropped, spam,
        -- unsubscribed, undelivered, failed), and when; the outbox state stays 'sent'.
        ALTER TABLE outbox ADD COLUMN delivery TEXT;
        ALTER TABLE outbox ADD COLUMN delivery_at INTEGER;
        CREATE INDEX outbox_by_provider_id ON outbox(provider_message_id) WHERE provider_message_id IS NOT NULL;
        """

    /// Migration v5: the same tables and data, with `state = … OR state = …` wherever a write
    /// evaluates the state, and outbox_by_journey on the journey alone (a send changes its state
    /// twice; with state in the key each change rewrote that index entry).
    private static let stateChecksWithoutLists = """
        CREATE TABLE enrolments_v5 (
            id INTEGER PRIMARY KEY,
            journey TEXT NOT NULL,
            customer_key INTEGER NOT NULL REFERENCES customers(key),
            trigger_key TEXT NOT NULL,
            entered_at INTEGER NOT NULL,
            segment TEXT,
            state TEXT NOT NULL CHECK (state = 'active' OR state = 'control' OR state = 'completed'
                OR state = 'exited' OR state = 'converted'),
            next_step INTEGER NOT NULL DEFAULT 0,
            next_at INTEGER,
            ended_at INTEGER,
            end_reason TEXT,
            UNIQUE (journey, customer_key, trigger_key)
        );
        INSERT INTO enrolments_v5 (id, journey, customer_key, trigger_key, entered_at, segment, state, next_step,
            next_at, ended_at, end_reason)
        SELECT id, journey, customer_key, trigger_key, entered_at, segment, state, next_step, next_at, ended_at,
            end_reason
        FROM enrolments;
        DROP TABLE enrolments;
        ALTER TABLE enrolments_v5 RENAME TO enrolments;
        CREATE INDEX enrolments_due ON enrolments(next_at) WHERE state = 'active';
        CREATE INDEX enrolments_by_customer ON enrolments(customer_key, journey);
        CREATE TABLE outbox_v5 (
            id INTEGER PRIMARY KEY,
            key TEXT NOT NULL UNIQUE,
            enrolment_id INTEGER NOT NULL REFERENCES enrolments(id),
            journey TEXT NOT NULL,
            step TEXT NOT NULL,
            message TEXT NOT NULL,
            channel TEXT NOT NULL,
            customer_key INTEGER NOT NULL REFERENCES customers(key),
            transactional INTEGER NOT NULL,
            offer TEXT,
            state TEXT NOT NULL CHECK (state = 'scheduled' OR state = 'claimed' OR state = 'sent'
                OR state = 'retry' OR state = 'dead' OR state = 'skipped' OR state = 'suppressed'),
            due_at INTEGER NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            lease_until INTEGER,
            claimed_by TEXT,
            locale TEXT,
            provider_message_id TEXT,
            reason TEXT,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            sent_at INTEGER,
            delivery TEXT,
            delivery_at INTEGER
        );
        INSERT INTO outbox_v5 (id, key, enrolment_id, journey, step, message, channel, customer_key, transactional,
            offer, state, due_at, attempts, lease_until, claimed_by, locale, provider_message_id, reason, created_at,
            updated_at, sent_at, delivery, delivery_at)
        SELECT id, key, enrolment_id, journey, step, message, channel, customer_key, transactional, offer, state,
            due_at, attempts, lease_until, claimed_by, locale, provider_message_id, reason, created_at, updated_at,
            sent_at, delivery, delivery_at
        FROM outbox;
        DROP TABLE outbox;
        ALTER TABLE outbox_v5 RENAME TO outbox;
        CREATE INDEX outbox_due ON outbox(due_at) WHERE (state = 'scheduled' OR state = 'retry' OR state = 'claimed');
        CREATE INDEX outbox_sent_by_customer ON outbox(customer_key, sent_at) WHERE state = 'sent';
        CREATE INDEX outbox_by_journey ON outbox(journey);
        CREATE INDEX outbox_by_provider_id ON outbox(provider_message_id) WHERE provider_message_id IS NOT NULL;
        """

    /// Migration v9. Providers' message ids are random, so each send inserted into a random leaf
    /// of outbox_by_provider_id: most of a dispatcher pass's WAL pages (16 KiB each, ~5 KiB of WAL
    /// per message at 100k sent) were that index. A send now marks its id pending, which files it in
    /// outbox_provider_id_pending, an index of at most a few thousand entries whose few leaves stay
    /// hot, and ``SQLiteStore/indexPendingProviderIDs(_:threshold:)`` moves pending ids into
    /// outbox_by_provider_id thousands at a time, one WAL page per leaf for all of them. A lookup by
    /// provider id probes one index, then the other: two searches, never a scan.
    private static let providerIDsIndexedInBatches = """
        ALTER TABLE outbox ADD COLUMN provider_id_pending INTEGER;
        DROP INDEX outbox_by_provider_id;
        CREATE INDEX outbox_by_provider_id ON outbox(provider_message_id)
            WHERE provider_message_id IS NOT NULL AND provider_id_pending IS NULL;
        CREATE INDEX outbox_provider_id_pending ON outbox(provider_message_id, channel)
            WHERE provider_id_pending IS NOT NULL;
        """

    /// The states a dispatcher may claim from, spelled as outbox_due's WHERE (migrations v5, v8) is, with
    /// the outbox's alias: SQLite uses that partial index only for a query whose WHERE repeats it.
    static func claimableStates(_ table: String) -> String {
        "(\(table).state = 'scheduled' OR \(table).state = 'retry' OR \(table).state = 'claimed')"
    }
}
