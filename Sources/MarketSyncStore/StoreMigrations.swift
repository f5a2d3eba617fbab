internal import GRDB

/// The store's schema as data: an ordered list of named migrations, each applied once in its own transaction.
///
/// Conventions (why the columns look the way they do):
/// - Dates are INTEGER Unix milliseconds (UTC). Comparing two instants is an integer comparison in SQL, and a
///   value round-trips exactly for any `Date` with millisecond precision.
/// - Money is an INTEGER amount in minor units beside a TEXT ISO 4217 currency code; never a REAL.
/// - Catalog rows get an INTEGER surrogate key (`products.id`) so the planning join walks integer keys.
/// - Outbox and order lines refer to SKUs by text: an order may name a SKU that is not (yet) in the catalog.
///
/// A released migration is never edited: a schema change is a new entry at the end of `all`.
enum StoreMigrations {
    /// One named step of the schema.
    struct Step {
        var identifier: String
        var sql: String
    }

    /// Every migration, in order.
    static let all: [Step] = [
        Step(identifier: "v1-catalog", sql: """
            CREATE TABLE products (
                id INTEGER PRIMARY KEY,
                sku TEXT NOT NULL UNIQUE,
                gtin TEXT,
                name_ru TEXT NOT NULL,
                name_zh TEXT NOT NULL,
                name_en TEXT NOT NULL,
                unit TEXT NOT NULL,
                base_price_minor INTEGER NOT NULL,
                base_currency TEXT NOT NULL,
                -- The sum of this product's stock_lots quantities, written in the same transaction that replaces
                -- the lots (applyImport is their only writer). The planner reads it instead of aggregating every
                -- lot on every run: the planning query stays a single pass over products.
                on_hand INTEGER NOT NULL DEFAULT 0,
                updated_at INTEGER NOT NULL
            );
            CREATE TABLE stock_lots (
                id INTEGER PRIMARY KEY,
                product_id INTEGER NOT NULL REFERENCES products(id) ON DELETE CASCADE,
                warehouse TEXT NOT NULL,
                lot TEXT NOT NULL,
                -- Import validation rejects negative stock; the store refuses it too, so a bug cannot hide.
                quantity INTEGER NOT NULL CHECK (quantity >= 0),
                expires_on INTEGER
            );
            -- Lots are read, compared and replaced per product.
            CREATE INDEX stock_lots_by_product ON stock_lots(product_id);
            CREATE TABLE listings (
                product_id INTEGER NOT NULL REFERENCES products(id) ON DELETE CASCADE,
                channel TEXT NOT NULL,
                external_id TEXT NOT NULL,
                PRIMARY KEY (product_id, channel)
            ) WITHOUT ROWID;
            CREATE TABLE imports (
                id INTEGER PRIMARY KEY,
                source TEXT NOT NULL,
                at INTEGER NOT NULL,
                inserted INTEGER NOT NULL,
                updated INTEGER NOT NULL,
                unchanged INTEGER NOT NULL
            );
            """),
        Step(identifier: "v1-offers", sql: """
            CREATE TABLE acknowledged_offers (
                channel TEXT NOT NULL,
                product_id INTEGER NOT NULL REFERENCES products(id) ON DELETE CASCADE,
                quantity INTEGER,
                quantity_version INTEGER,
                price_minor INTEGER,
                price_currency TEXT,
                price_version INTEGER,
                acknowledged_at INTEGER NOT NULL,
                PRIMARY KEY (channel, product_id)
            ) WITHOUT ROWID;
            """),
        Step(identifier: "v1-outbox", sql: """
            -- One global, monotonically increasing sequence: every enqueued entry takes the next values.
            CREATE TABLE version_counter (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                value INTEGER NOT NULL
            );
            INSERT INTO version_counter (id, value) VALUES (1, 0);
            CREATE TABLE outbox (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                channel TEXT NOT NULL,
                kind TEXT NOT NULL CHECK (kind IN ('stock', 'price', 'shipment')),
                key TEXT NOT NULL,
                listing TEXT,
                quantity INTEGER,
                price_minor INTEGER,
                price_currency TEXT,
                shipment_carrier TEXT,
                shipment_tracking TEXT,
                version INTEGER NOT NULL,
                attempts INTEGER NOT NULL DEFAULT 0,
                status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'failed')),
                last_error TEXT,
                enqueued_at INTEGER NOT NULL,
                updated_at INTEGER NOT NULL,
                UNIQUE (channel, kind, key)
            );
            CREATE INDEX outbox_by_channel_status ON outbox(channel, status, id);
            """),
        Step(identifier: "v1-orders", sql: """
            CREATE TABLE orders (
                id INTEGER PRIMARY KEY,
                channel TEXT NOT NULL,
                order_id TEXT NOT NULL,
                state TEXT NOT NULL,
                raw_status TEXT NOT NULL,
                updated_at INTEGER NOT NULL,
                total_minor INTEGER,
                total_currency TEXT,
                tracking_number TEXT,
                first_seen_at INTEGER NOT NULL,
                last_seen_at INTEGER NOT NULL,
                UNIQUE (channel, order_id)
            );
            -- Reservations read only the open orders.
            CREATE INDEX orders_by_state ON orders(state);
            CREATE TABLE order_lines (
                order_ref INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
                position INTEGER NOT NULL,
                sku TEXT NOT NULL,
                quantity INTEGER NOT NULL,
                unit_price_minor INTEGER,
                currency TEXT,
                PRIMARY KEY (order_ref, position)
            ) WITHOUT ROWID;
            CREATE TABLE order_status_history (
                id INTEGER PRIMARY KEY,
                order_ref INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
                state TEXT NOT NULL,
                raw_status TEXT NOT NULL,
                at INTEGER NOT NULL
            );
            CREATE INDEX order_status_history_by_order ON order_status_history(order_ref, id);
            CREATE TABLE order_cursors (
                channel TEXT PRIMARY KEY,
                cursor INTEGER NOT NULL
            ) WITHOUT ROWID;
            """),
        Step(identifier: "v1-runs", sql: """
            CREATE TABLE runs (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                mode TEXT NOT NULL,
                started_at INTEGER NOT NULL,
                finished_at INTEGER,
                exit_code INTEGER,
                summary_json TEXT
            );
            """),
        Step(identifier: "v2-planning", sql: """
            -- Production date of a lot, same unit as expires_on (shelf-life rules that want a share of the total).
            ALTER TABLE stock_lots ADD COLUMN produced_on INTEGER;
            -- Lots expiring before a day are found without a scan (incremental plans re-check them).
            CREATE INDEX stock_lots_by_expiry ON stock_lots(expires_on) WHERE expires_on IS NOT NULL;
            -- The value of change_counter when the product (a field, its lots, its listings) or its reservation
            -- last changed. An incremental plan reads only products with change_seq above its mark.
            ALTER TABLE products ADD COLUMN change_seq INTEGER NOT NULL DEFAULT 0;
            CREATE INDEX products_by_change_seq ON products(change_seq);
            -- One global, monotonically increasing change sequence (same style as version_counter). A write
            -- transaction that changes anything takes the next value once and stamps every product it touched.
            CREATE TABLE change_counter (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                value INTEGER NOT NULL
            );
            INSERT INTO change_counter (id, value) VALUES (1, 0);
            CREATE TABLE plan_marks (
                channel TEXT PRIMARY KEY,
                sequence INTEGER NOT NULL,
                rules_digest TEXT NOT NULL
            ) WITHOUT ROWID;
            -- Price changes a guard held back, by SKU text like the outbox (reported even if the SKU goes away).
            CREATE TABLE held_changes (
                channel TEXT NOT NULL,
                sku TEXT NOT NULL,
                from_minor INTEGER,
                from_currency TEXT,
                to_minor INTEGER NOT NULL,
                to_currency TEXT NOT NULL,
                reason TEXT NOT NULL,
                held_at INTEGER NOT NULL,
                PRIMARY KEY (channel, sku)
            ) WITHOUT ROWID;
            -- An approved price for one channel and product, used once: the acknowledgement of that exact price
            -- deletes it. Keyed like acknowledged_offers so planning merges both in one ordered pass.
            CREATE TABLE price_approvals (
                channel TEXT NOT NULL,
                product_id INTEGER NOT NULL REFERENCES products(id) ON DELETE CASCADE,
                price_minor INTEGER NOT NULL,
                currency TEXT NOT NULL,
                approved_at INTEGER NOT NULL,
                PRIMARY KEY (channel, product_id)
            ) WITHOUT ROWID;
            """),
        Step(identifier: "v2-listings-by-channel", sql: """
            -- Listings per channel in product order, covering: planning reads each channel's listings as one range
            -- (and several channels in parallel) instead of scanning every channel's rows.
            CREATE INDEX listings_by_channel ON listings(channel, product_id, external_id);
            """),
        Step(identifier: "v3-acknowledged-offers-by-product", sql: """
            -- Every channel's acknowledged values of one product side by side, covering: an incremental plan reads
            -- the changed products' offers with one seek per product instead of one per product and channel.
            CREATE INDEX acknowledged_offers_by_product ON acknowledged_offers(product_id, channel, quantity, price_minor);
            """),
        Step(identifier: "v4-channel-leases", sql: """
            -- One sender per channel per store: the process that holds a channel's row until expires_at may pull
            -- from and send to that channel. A holder renews its row while it works; an expired row is taken over.
            CREATE TABLE channel_leases (
                channel TEXT PRIMARY KEY,
                holder_id TEXT NOT NULL,
                holder_pid INTEGER NOT NULL,
                holder_host TEXT NOT NULL,
                holder_since INTEGER NOT NULL,
                expires_at INTEGER NOT NULL
            ) WITHOUT ROWID;
            """),
        Step(identifier: "v5-order-line-links", sql: """
            -- A line is linked to the catalog by the merchant's code or by the channel's listing id; `listing`
            -- keeps the channel's id and `matched` = 0 marks a line that matched no product (an open incident),
            -- so a later import that adds the product or listing can link it.
            ALTER TABLE order_lines ADD COLUMN listing TEXT;
            ALTER TABLE order_lines ADD COLUMN matched INTEGER NOT NULL DEFAULT 1;
            CREATE INDEX order_lines_unmatched ON order_lines(order_ref) WHERE matched = 0;
            -- Listings found by the channel's id, for order lines that carry only that.
            CREATE INDEX listings_by_external_id ON listings(channel, external_id);
            CREATE TABLE order_incidents (
                id INTEGER PRIMARY KEY,
                channel TEXT NOT NULL,
                order_id TEXT NOT NULL,
                kind TEXT NOT NULL,
                detail TEXT NOT NULL,
                at INTEGER NOT NULL,
                resolved_at INTEGER,
                UNIQUE (channel, order_id, kind, detail)
            );
            CREATE INDEX order_incidents_open ON order_incidents(channel) WHERE resolved_at IS NULL;
            """),
        Step(identifier: "v6-held-change-guard", sql: """
            -- Which guard held a price (floor, ceiling, max_change): decisions (what may be approved) are made on
            -- it, never on the reason's text. Rows from before this column existed are classified once, here.
            ALTER TABLE held_changes ADD COLUMN guard_kind TEXT NOT NULL DEFAULT 'max_change'
                CHECK (guard_kind IN ('floor', 'ceiling', 'max_change'));
            UPDATE held_changes SET guard_kind = 'floor' WHERE reason LIKE '%below the floor%';
            UPDATE held_changes SET guard_kind = 'ceiling' WHERE reason LIKE '%above the ceiling%';
            """),
        Step(identifier: "v7-outbox-submissions", sql: """
            -- Batches a channel took for later processing (an import id, a feed id): the items as they were sent
            -- (JSON, so a newer version of the same key may take the outbox row meanwhile), and when to ask next.
            CREATE TABLE outbox_submissions (
                channel TEXT NOT NULL,
                receipt TEXT NOT NULL,
                outbox_id INTEGER NOT NULL,
                version INTEGER NOT NULL,
                item_json TEXT NOT NULL,
                submitted_at INTEGER NOT NULL,
                next_poll_at INTEGER NOT NULL,
                polls INTEGER NOT NULL DEFAULT 0,
                PRIMARY KEY (channel, receipt, outbox_id)
            ) WITHOUT ROWID;
            -- pendingOutbox leaves out what is in flight at its current version.
            CREATE INDEX outbox_submissions_by_item ON outbox_submissions(outbox_id, version);
            """),
        Step(identifier: "v8-order-responses", sql: """
            -- Order answers besides a shipment go through the outbox too: accepting or refusing lines, and
            -- acknowledging a purchase order. SQLite cannot widen a CHECK in place, so the table is rebuilt with
            -- its rows, ids and sequence, and a column for the lines' decisions (JSON).
            CREATE TABLE outbox_v8 (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                channel TEXT NOT NULL,
                kind TEXT NOT NULL CHECK (kind IN ('stock', 'price', 'shipment', 'acceptance', 'acknowledgement')),
                key TEXT NOT NULL,
                listing TEXT,
                quantity INTEGER,
                price_minor INTEGER,
                price_currency TEXT,
                shipment_carrier TEXT,
                shipment_tracking TEXT,
                version INTEGER NOT NULL,
                attempts INTEGER NOT NULL DEFAULT 0,
                status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'failed')),
                last_error TEXT,
                enqueued_at INTEGER NOT NULL,
                updated_at INTEGER NOT NULL,
                response_json TEXT,
                UNIQUE (channel, kind, key)
            );
            INSERT INTO outbox_v8 (id, channel, kind, key, listing, quantity, price_minor, price_currency,
                                   shipment_carrier, shipment_tracking, version, attempts, status, last_error,
                                   enqueued_at, updated_at)
                SELECT id, channel, kind, key, listing, quantity, price_minor, price_currency, shipment_carrier,
                       shipment_tracking, version, attempts, status, last_error, enqueued_at, updated_at
                FROM outbox;
            DROP TABLE outbox;
            ALTER TABLE outbox_v8 RENAME TO outbox;
            CREATE INDEX outbox_by_channel_status ON outbox(channel, status, id);
            """),
        Step(identifier: "v9-order-life-cycle", sql: """
            -- When the buyer placed the order, and the answer the engine queued for it (acceptance or
            -- acknowledgement): an order is answered once, whatever happens to the outbox row afterwards.
            ALTER TABLE orders ADD COLUMN placed_at INTEGER;
            ALTER TABLE orders ADD COLUMN answer_kind TEXT CHECK (answer_kind IN ('acceptance', 'acknowledgement'));
            ALTER TABLE orders ADD COLUMN answered_at INTEGER;
            -- Orders waiting for an answer are found without a scan.
            CREATE INDEX orders_awaiting_answer ON orders(channel, state) WHERE answered_at IS NULL;
            -- Each line's channel id, its own state and raw status (channels that report one per line), the
            -- seller's decision on it, and whether it holds stock back now. `reserves` is written by the store
            -- whenever the line, its order's state or its decision changes (OrderLine.reservesStock), so
            -- reservations are one indexed sum per SKU and a partly cancelled order holds only its live lines.
            ALTER TABLE order_lines ADD COLUMN line_id TEXT;
            ALTER TABLE order_lines ADD COLUMN state TEXT;
            ALTER TABLE order_lines ADD COLUMN raw_status TEXT;
            ALTER TABLE order_lines ADD COLUMN decision TEXT CHECK (decision IN ('accepted', 'refused'));
            ALTER TABLE order_lines ADD COLUMN reserves INTEGER NOT NULL DEFAULT 0;
            -- Lines stored before this migration have no state of their own: they reserved by their order's state
            -- (the reserving states as they were at v8).
            UPDATE order_lines SET reserves = 1 WHERE order_ref IN (
                SELECT id FROM orders WHERE state IN ('pendingAcceptance', 'awaitingPayment', 'readyToShip', 'unknown'));
            CREATE INDEX order_lines_reserving ON order_lines(sku, quantity) WHERE reserves = 1;
            -- Each channel's periodic deep re-scan: when the last pass finished (began), and the pass under way.
            CREATE TABLE order_rescans (
                channel TEXT PRIMARY KEY,
                last_completed_at INTEGER,
                started_at INTEGER,
                range_start INTEGER,
                range_end INTEGER,
                position INTEGER
            ) WITHOUT ROWID;
            """),
        Step(identifier: "v10-partner-files", sql: """
            -- The last control number handed out per file partner (channel) and kind (interchange, group, message).
            -- A number is taken and written in one transaction before any file that carries it is written, so a
            -- crash may waste one, never reuse one (docs/edi.md, "Control numbers").
            CREATE TABLE control_numbers (
                channel TEXT NOT NULL,
                kind TEXT NOT NULL CHECK (kind IN ('interchange', 'group', 'message')),
                last_number INTEGER NOT NULL CHECK (last_number >= 1),
                PRIMARY KEY (channel, kind)
            ) WITHOUT ROWID;
            -- Every file read from a partner's outbox, by the SHA-256 of its contents: received (handed out, nothing
            -- decided), stored (its orders are stored), archived (then moved to the archive), quarantined (bad, with
            -- the reason). A file whose digest is here as stored, archived or quarantined is never processed again.
            CREATE TABLE inbound_files (
                channel TEXT NOT NULL,
                sha256 TEXT NOT NULL,
                name TEXT NOT NULL,
                state TEXT NOT NULL CHECK (state IN ('received', 'stored', 'archived', 'quarantined')),
                reason TEXT,
                received_at INTEGER,
                recorded_at INTEGER,
                moved_at INTEGER,
                PRIMARY KEY (channel, sha256)
            ) WITHOUT ROWID;
            -- Files made for a partner (an order response, a functional acknowledgement), kept under the key of what
            -- they answer before they are delivered, so a retry delivers the same bytes and control numbers.
            CREATE TABLE outgoing_files (
                channel TEXT NOT NULL,
                key TEXT NOT NULL,
                name TEXT NOT NULL,
                contents BLOB NOT NULL,
                created_at INTEGER NOT NULL,
                delivered_at INTEGER,
                PRIMARY KEY (channel, key)
            ) WITHOUT ROWID;
            """),
        Step(identifier: "v11-source-keys", sql: """
            -- A source's own key of a product (1C's Ид in a CommerceML package) and the SKU it was imported as,
            -- so a later delta that names only the key finds the product.
            CREATE TABLE source_keys (
                key TEXT PRIMARY KEY,
                sku TEXT NOT NULL
            ) WITHOUT ROWID;
            """),
        Step(identifier: "v12-channel-events", sql: """
            -- Events channels delivered (webhooks, a platform's event stream), by the channel's event id: a delivery
            -- made again finds its id here and is not acted on twice. Old rows are dropped as new ones come.
            CREATE TABLE channel_events (
                channel TEXT NOT NULL,
                event_id TEXT NOT NULL,
                type TEXT NOT NULL,
                order_id TEXT,
                received_at INTEGER NOT NULL,
                PRIMARY KEY (channel, event_id)
            ) WITHOUT ROWID;
            CREATE INDEX channel_events_by_time ON channel_events(received_at);
            """),
    ]

    /// The tables `SQLiteStore.tableCounts()` reports on.
    static let tables = [
        "products", "stock_lots", "listings", "imports", "acknowledged_offers", "outbox", "orders", "order_lines",
        "order_status_history", "order_cursors", "runs", "change_counter", "plan_marks", "held_changes",
        "price_approvals", "channel_leases", "order_incidents", "outbox_submissions", "order_rescans", "control_numbers",
        "inbound_files", "outgoing_files", "source_keys", "channel_events",
    ]

    /// A migrator that applies `all` in order; applying it again to a migrated file does nothing.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        for step in all {
            let sql = step.sql
            migrator.registerMigration(step.identifier) { db in
                try db.execute(sql: sql)
            }
        }
        return migrator
    }
}

extension SQLiteStore {
    /// Runs `sql` in one transaction: rows as an older version of marketsync wrote them, for migration tests.
    func execute(sql: String) async throws {
        try await write("execute SQL") { db in try db.execute(sql: sql) }
    }
}
