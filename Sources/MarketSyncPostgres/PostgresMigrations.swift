internal import Foundation
internal import MarketSync
internal import PostgresNIO

/// The PostgreSQL store's schema as data: numbered steps, each applied once in its own transaction and recorded in
/// `marketsync_migrations`. Every step's transaction first takes a transaction-level advisory lock on the schema,
/// so two workers that start at once apply each step once: the second waits, then finds it applied.
///
/// Conventions follow `SQLiteStore`'s: dates are BIGINT Unix milliseconds (UTC), money BIGINT minor units beside a
/// TEXT currency code, catalog rows have a BIGINT surrogate key, outbox and order lines name SKUs by text.
/// A released step is never edited: a schema change is a new step at the end of `all`.
enum PostgresMigrations {
    /// One numbered step of the schema.
    struct Step: Sendable {
        var version: Int
        var name: String
        var sql: [String]
    }

    /// Every step, in order.
    static let all: [Step] = [
        Step(version: 1, name: "schema", sql: [
            """
            CREATE TABLE products (
                id BIGSERIAL PRIMARY KEY,
                sku TEXT NOT NULL UNIQUE,
                gtin TEXT,
                name_ru TEXT NOT NULL,
                name_zh TEXT NOT NULL,
                name_en TEXT NOT NULL,
                unit TEXT NOT NULL,
                base_price_minor BIGINT NOT NULL,
                base_currency TEXT NOT NULL,
                on_hand BIGINT NOT NULL DEFAULT 0,
                updated_at BIGINT NOT NULL,
                change_seq BIGINT NOT NULL DEFAULT 0
            )
            """,
            "CREATE INDEX products_by_change_seq ON products(change_seq)",
            """
            CREATE TABLE stock_lots (
                id BIGSERIAL PRIMARY KEY,
                product_id BIGINT NOT NULL REFERENCES products(id) ON DELETE CASCADE,
                position INTEGER NOT NULL,
                warehouse TEXT NOT NULL,
                lot TEXT NOT NULL,
                quantity BIGINT NOT NULL CHECK (quantity >= 0),
                expires_on BIGINT,
                produced_on BIGINT
            )
            """,
            "CREATE INDEX stock_lots_by_product ON stock_lots(product_id, position)",
            "CREATE INDEX stock_lots_by_expiry ON stock_lots(expires_on) WHERE expires_on IS NOT NULL",
            """
            CREATE TABLE listings (
                product_id BIGINT NOT NULL REFERENCES products(id) ON DELETE CASCADE,
                channel TEXT NOT NULL,
                external_id TEXT NOT NULL,
                PRIMARY KEY (product_id, channel)
            )
            """,
            "CREATE INDEX listings_by_channel ON listings(channel, product_id, external_id)",
            "CREATE INDEX listings_by_external_id ON listings(channel, external_id)",
            """
            CREATE TABLE imports (
                id BIGSERIAL PRIMARY KEY,
                source TEXT NOT NULL,
                at BIGINT NOT NULL,
                inserted INTEGER NOT NULL,
                updated INTEGER NOT NULL,
                unchanged INTEGER NOT NULL
            )
            """,
            "CREATE TABLE source_keys (key TEXT PRIMARY KEY, sku TEXT NOT NULL)",
            """
            CREATE TABLE acknowledged_offers (
                channel TEXT NOT NULL,
                product_id BIGINT NOT NULL REFERENCES products(id) ON DELETE CASCADE,
                quantity BIGINT,
                quantity_version BIGINT,
                price_minor BIGINT,
                price_currency TEXT,
                price_version BIGINT,
                acknowledged_at BIGINT NOT NULL,
                PRIMARY KEY (channel, product_id)
            )
            """,
            // One row each: every writer takes the next value under the row's lock, so versions and change
            // sequences grow in the order the writers commit.
            "CREATE TABLE counters (name TEXT PRIMARY KEY, value BIGINT NOT NULL)",
            "INSERT INTO counters (name, value) VALUES ('version', 0), ('change', 0)",
            """
            CREATE TABLE outbox (
                id BIGSERIAL PRIMARY KEY,
                channel TEXT NOT NULL,
                kind TEXT NOT NULL CHECK (kind IN ('stock', 'price', 'shipment', 'acceptance', 'acknowledgement')),
                key TEXT NOT NULL,
                listing TEXT,
                quantity BIGINT,
                price_minor BIGINT,
                price_currency TEXT,
                shipment_carrier TEXT,
                shipment_tracking TEXT,
                version BIGINT NOT NULL,
                attempts INTEGER NOT NULL DEFAULT 0,
                status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'failed')),
                last_error TEXT,
                enqueued_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL,
                response_json TEXT,
                UNIQUE (channel, kind, key)
            )
            """,
            "CREATE INDEX outbox_by_channel_status ON outbox(channel, status, id)",
            """
            CREATE TABLE outbox_submissions (
                channel TEXT NOT NULL,
                receipt TEXT NOT NULL,
                outbox_id BIGINT NOT NULL,
                version BIGINT NOT NULL,
                item_json TEXT NOT NULL,
                submitted_at BIGINT NOT NULL,
                next_poll_at BIGINT NOT NULL,
                polls INTEGER NOT NULL DEFAULT 0,
                PRIMARY KEY (channel, receipt, outbox_id)
            )
            """,
            "CREATE INDEX outbox_submissions_by_item ON outbox_submissions(outbox_id, version)",
            """
            CREATE TABLE orders (
                id BIGSERIAL PRIMARY KEY,
                channel TEXT NOT NULL,
                order_id TEXT NOT NULL,
                state TEXT NOT NULL,
                raw_status TEXT NOT NULL,
                updated_at BIGINT NOT NULL,
                total_minor BIGINT,
                total_currency TEXT,
                tracking_number TEXT,
                first_seen_at BIGINT NOT NULL,
                last_seen_at BIGINT NOT NULL,
                placed_at BIGINT,
                answer_kind TEXT CHECK (answer_kind IN ('acceptance', 'acknowledgement')),
                answered_at BIGINT,
                UNIQUE (channel, order_id)
            )
            """,
            "CREATE INDEX orders_by_state ON orders(state)",
            "CREATE INDEX orders_awaiting_answer ON orders(channel, state) WHERE answered_at IS NULL",
            """
            CREATE TABLE order_lines (
                order_ref BIGINT NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
                position INTEGER NOT NULL,
                sku TEXT NOT NULL,
                quantity BIGINT NOT NULL,
                unit_price_minor BIGINT,
                currency TEXT,
                listing TEXT,
                matched BOOLEAN NOT NULL DEFAULT TRUE,
                line_id TEXT,
                state TEXT,
                raw_status TEXT,
                decision TEXT CHECK (decision IN ('accepted', 'refused')),
                reserves BOOLEAN NOT NULL DEFAULT FALSE,
                PRIMARY KEY (order_ref, position)
            )
            """,
            "CREATE INDEX order_lines_unmatched ON order_lines(order_ref) WHERE NOT matched",
            "CREATE INDEX order_lines_reserving ON order_lines(sku, quantity) WHERE reserves",
            """
            CREATE TABLE order_status_history (
                id BIGSERIAL PRIMARY KEY,
                order_ref BIGINT NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
                state TEXT NOT NULL,
                raw_status TEXT NOT NULL,
                at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX order_status_history_by_order ON order_status_history(order_ref, id)",
            "CREATE TABLE order_cursors (channel TEXT PRIMARY KEY, cursor BIGINT NOT NULL)",
            """
            CREATE TABLE order_incidents (
                id BIGSERIAL PRIMARY KEY,
                channel TEXT NOT NULL,
                order_id TEXT NOT NULL,
                kind TEXT NOT NULL,
                detail TEXT NOT NULL,
                at BIGINT NOT NULL,
                resolved_at BIGINT,
                UNIQUE (channel, order_id, kind, detail)
            )
            """,
            "CREATE INDEX order_incidents_open ON order_incidents(channel) WHERE resolved_at IS NULL",
            """
            CREATE TABLE order_rescans (
                channel TEXT PRIMARY KEY,
                last_completed_at BIGINT,
                started_at BIGINT,
                range_start BIGINT,
                range_end BIGINT,
                position BIGINT
            )
            """,
            """
            CREATE TABLE runs (
                id BIGSERIAL PRIMARY KEY,
                mode TEXT NOT NULL,
                started_at BIGINT NOT NULL,
                finished_at BIGINT,
                exit_code INTEGER,
                summary_json TEXT
            )
            """,
            "CREATE TABLE plan_marks (channel TEXT PRIMARY KEY, sequence BIGINT NOT NULL, rules_digest TEXT NOT NULL)",
            """
            CREATE TABLE held_changes (
                channel TEXT NOT NULL,
                sku TEXT NOT NULL,
                from_minor BIGINT,
                from_currency TEXT,
                to_minor BIGINT NOT NULL,
                to_currency TEXT NOT NULL,
                reason TEXT NOT NULL,
                held_at BIGINT NOT NULL,
                guard_kind TEXT NOT NULL CHECK (guard_kind IN ('floor', 'ceiling', 'max_change')),
                PRIMARY KEY (channel, sku)
            )
            """,
            """
            CREATE TABLE price_approvals (
                channel TEXT NOT NULL,
                product_id BIGINT NOT NULL REFERENCES products(id) ON DELETE CASCADE,
                price_minor BIGINT NOT NULL,
                currency TEXT NOT NULL,
                approved_at BIGINT NOT NULL,
                PRIMARY KEY (channel, product_id)
            )
            """,
            // One row per channel; workers take free or expired rows with SELECT … FOR UPDATE SKIP LOCKED.
            """
            CREATE TABLE channel_leases (
                channel TEXT PRIMARY KEY,
                holder_id TEXT NOT NULL,
                holder_pid INTEGER NOT NULL,
                holder_host TEXT NOT NULL,
                holder_since BIGINT NOT NULL,
                expires_at BIGINT NOT NULL
            )
            """,
            """
            CREATE TABLE control_numbers (
                channel TEXT NOT NULL,
                kind TEXT NOT NULL CHECK (kind IN ('interchange', 'group', 'message')),
                last_number BIGINT NOT NULL CHECK (last_number >= 1),
                PRIMARY KEY (channel, kind)
            )
            """,
            """
            CREATE TABLE inbound_files (
                channel TEXT NOT NULL,
                sha256 TEXT NOT NULL,
                name TEXT NOT NULL,
                state TEXT NOT NULL CHECK (state IN ('received', 'stored', 'archived', 'quarantined')),
                reason TEXT,
                received_at BIGINT,
                recorded_at BIGINT,
                moved_at BIGINT,
                PRIMARY KEY (channel, sha256)
            )
            """,
            """
            CREATE TABLE outgoing_files (
                channel TEXT NOT NULL,
                key TEXT NOT NULL,
                name TEXT NOT NULL,
                contents BYTEA NOT NULL,
                created_at BIGINT NOT NULL,
                delivered_at BIGINT,
                PRIMARY KEY (channel, key)
            )
            """,
        ]),
        Step(version: 2, name: "channel events", sql: [
            """
            CREATE TABLE channel_events (
                channel TEXT NOT NULL,
                event_id TEXT NOT NULL,
                type TEXT NOT NULL,
                order_id TEXT,
                received_at BIGINT NOT NULL,
                PRIMARY KEY (channel, event_id)
            )
            """,
            "CREATE INDEX channel_events_by_time ON channel_events(received_at)",
        ]),
    ]

    /// The advisory lock's key for `schema`: two stores on different schemas of one database migrate independently.
    static func lockKey(_ schema: String) -> Int64 {
        // FNV-1a over the name: stable across processes and versions (Swift's hashValue is not).
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in "marketsync-migrations:\(schema)".utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return Int64(bitPattern: hash)
    }

    /// Applies the steps not applied yet, each in its own transaction under the advisory lock.
    static func migrate(_ store: PostgresStore) async throws {
        let key = lockKey(store.location.schema)
        let schema = store.location.schema
        for step in all {
            try await store.transaction("migrate the schema to version \(step.version)", begin: "BEGIN") { connection in
                try await connection.run("SELECT pg_advisory_xact_lock(\(key))", logger: store.logger)
                if schema != "public" {
                    try await connection.run(PostgresQuery(unsafeSQL: "CREATE SCHEMA IF NOT EXISTS \(schema)"), logger: store.logger)
                }
                try await connection.run("""
                    CREATE TABLE IF NOT EXISTS marketsync_migrations (
                        version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())
                    """, logger: store.logger)
                let applied = try await connection.run("SELECT 1 FROM marketsync_migrations WHERE version = \(step.version)",
                                                       logger: store.logger)
                guard applied == 0 else { return }
                for statement in step.sql {
                    try await connection.run(PostgresQuery(unsafeSQL: statement), logger: store.logger)
                }
                try await connection.run("INSERT INTO marketsync_migrations (version, name) VALUES (\(step.version), \(step.name))",
                                         logger: store.logger)
                store.logger.notice("store migrated", metadata: ["store": "\(store.location)", "version": "\(step.version)"])
            }
        }
    }

    /// The versions applied, in order (for status and tests).
    static func applied(_ store: PostgresStore) async throws -> [Int] {
        try await store.read("read the schema's version") { connection in
            try await connection.rows("SELECT version FROM marketsync_migrations ORDER BY version", logger: store.logger)
                .map { try $0.decode(Int.self) }
        }
    }

    /// Every table, for diagnostics and tests.
    static let tables = [
        "products", "stock_lots", "listings", "imports", "source_keys", "acknowledged_offers", "counters", "outbox",
        "outbox_submissions", "orders", "order_lines", "order_status_history", "order_cursors", "order_incidents",
        "order_rescans", "runs", "plan_marks", "held_changes", "price_approvals", "channel_leases", "control_numbers",
        "inbound_files", "outgoing_files", "channel_events",
    ]
}

extension PostgresStore {
    /// The schema versions this build knows, in order.
    public static var migrationVersions: [Int] { PostgresMigrations.all.map(\.version) }

    /// The schema versions applied to the database, in order (connecting and migrating first).
    public func appliedMigrations() async throws -> [Int] {
        try await PostgresMigrations.applied(self)
    }

    /// Drops the store's schema with everything in it; refused for `public` (tests use a schema of their own).
    public func dropSchema() async throws {
        guard location.schema != "public" else {
            throw MarketSyncError(.store, "refusing to drop the public schema of \(location)")
        }
        _ = try await transaction("drop the schema", begin: "BEGIN") { connection in
            try await connection.run(PostgresQuery(unsafeSQL: "DROP SCHEMA IF EXISTS \(self.location.schema) CASCADE"), logger: self.logger)
        }
    }
}
