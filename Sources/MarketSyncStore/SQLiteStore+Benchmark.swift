package import Foundation
package import MarketSync
internal import GRDB

extension SQLiteStore {
    /// Writes `catalog` into this (empty) store through set-based SQL, one transaction per table, checkpointing
    /// the WAL after each. `channelPrice` maps a base price in kopecks to the channel's price in minor units of
    /// `currency` (the benchmark's price rule), so acknowledged prices equal the plan.
    package func writeBenchmarkCatalog(_ catalog: PlanningBenchmarkCatalog, currency: Currency, at date: Date,
                                      channelPrice: @escaping @Sendable (Int64) -> Int64) async throws {
        let now = date.unixMilliseconds
        let count = catalog.skuCount
        let numbers = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < \(count))"
        let day = PlanningBenchmarkCatalog.millisecondsPerDay
        let steps: [String] = [
            """
            \(numbers)
            INSERT INTO products (id, sku, gtin, name_ru, name_zh, name_en, unit, base_price_minor, base_currency,
                                  on_hand, updated_at, change_seq)
            SELECT i, printf('SKU-%07d', i), NULL, 'Товар ' || i, '商品 ' || i, 'Product ' || i, 'pcs',
                   1000 + (i * 7919) % 100000, 'RUB', (i * 31) % 200 + CASE WHEN i % 2 = 0 THEN i % 17 ELSE 0 END,
                   \(now), 1
            FROM n
            """,
            """
            \(numbers)
            INSERT INTO stock_lots (product_id, warehouse, lot, quantity, expires_on)
            SELECT i, 'KHM-1', 'L1', (i * 31) % 200, (20800 + i % 365) * \(day) FROM n
            """,
            """
            \(numbers)
            INSERT INTO stock_lots (product_id, warehouse, lot, quantity) SELECT i, 'MSK-2', 'L2', i % 17 FROM n WHERE i % 2 = 0
            """,
            """
            \(numbers), c(name, position) AS (VALUES \(catalog.channels.enumerated()
                .map { "('\($0.element.rawValue.replacingOccurrences(of: "'", with: "''"))', \($0.offset))" }
                .joined(separator: ", ")))
            INSERT INTO listings (product_id, channel, external_id)
            SELECT i, c.name, i || ':' || c.position FROM n CROSS JOIN c ORDER BY i, c.name
            """,
            """
            WITH RECURSIVE k(j) AS (SELECT 1 UNION ALL SELECT j + 1 FROM k WHERE j < \(catalog.openOrders))
            INSERT INTO orders (id, channel, order_id, state, raw_status, updated_at, total_minor, total_currency,
                                first_seen_at, last_seen_at)
            SELECT j, '\(catalog.channels.first?.rawValue ?? "bench")', 'B-' || j, 'readyToShip', 'bench', \(now),
                   NULL, NULL, \(now), \(now)
            FROM k WHERE \(catalog.openOrders) > 0
            """,
            """
            INSERT INTO order_lines (order_ref, position, sku, quantity, reserves)
            SELECT id, 0, printf('SKU-%07d', (id * 7777) % \(count) + 1), id % 3 + 1, 1 FROM orders
            """,
            "UPDATE change_counter SET value = 1 WHERE id = 1",
        ]
        try await writeWithoutTransaction("write benchmark catalog") { db in
            for sql in steps {
                try db.inTransaction {
                    try db.execute(sql: sql)
                    return .commit
                }
                try db.checkpoint(.truncate)
            }
            db.add(function: DatabaseFunction("bench_channel_price", argumentCount: 1, pure: true) { values in
                channelPrice(Int64.fromDatabaseValue(values[0]) ?? 0)
            })
            for (c, channel) in catalog.channels.enumerated() {
                try db.inTransaction {
                    try db.execute(sql: """
                        INSERT INTO acknowledged_offers (channel, product_id, quantity, quantity_version, price_minor,
                                                         price_currency, price_version, acknowledged_at)
                        SELECT ?1, p.id,
                               MAX(0, p.on_hand - COALESCE(r.reserved, 0))
                                   + CASE WHEN (p.id + ?2) % ?3 = 0 THEN 1 ELSE 0 END,
                               1, bench_channel_price(p.base_price_minor), ?4, 1, ?5
                        FROM products p
                        LEFT JOIN (SELECT sku, SUM(quantity) AS reserved
                                   FROM order_lines WHERE reserves = 1 GROUP BY sku) r ON r.sku = p.sku
                        ORDER BY p.id
                        """, arguments: [channel.rawValue, c * 37, catalog.driftEvery, currency.rawValue, now])
                    return .commit
                }
                try db.checkpoint(.truncate)
            }
        }
    }

    /// The benchmark's baseline: in one SQL query, per channel, the listed SKUs whose acknowledged quantity
    /// differs from max(0, on hand − reserved). No rules, no prices; what a plan costs without the planner.
    package func stockDiffBaseline() async throws -> [ChannelID: [SKU]] {
        try await read("compute the baseline stock diff") { db in
            var result: [ChannelID: [SKU]] = [:]
            let rows = try db.rawRows(sql: """
                SELECT l.channel, p.sku
                FROM products p
                JOIN listings l ON l.product_id = p.id
                LEFT JOIN (SELECT sku, SUM(quantity) AS reserved
                           FROM order_lines WHERE reserves = 1 GROUP BY sku) r ON r.sku = p.sku
                LEFT JOIN acknowledged_offers a ON a.channel = l.channel AND a.product_id = p.id
                WHERE a.quantity IS NULL OR a.quantity <> MAX(0, p.on_hand - COALESCE(r.reserved, 0))
                """)
            while try rows.step() {
                guard let channel = rows.text(0), let sku = rows.text(1) else { continue }
                result[ChannelID(channel), default: []].append(SKU(sku))
            }
            return result
        }
    }

    /// Runs `body` on the writer outside any transaction (bulk steps that commit and checkpoint on their own).
    func writeWithoutTransaction<T: Sendable>(_ action: String, _ body: @Sendable (Database) throws -> T)
        async throws -> T
    {
        do {
            return try await pool.writeWithoutTransaction(body)
        } catch {
            throw Self.storeError(action, at: path, error)
        }
    }
}
