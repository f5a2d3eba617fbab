public import MarketSync
internal import GRDB

extension SQLiteStore {
    /// The planner's input in one query: products walked once in SKU order (the unique index on `sku`), on hand
    /// from `products.on_hand` (the sum of the lots, kept by the import that writes them), reservations as one
    /// aggregate over the reserving lines (`order_lines.reserves`, through its partial index) joined by SKU, and the channel's listing, acknowledgement and pending
    /// outbox entries through their primary or unique keys. No per-row queries.
    static let planningSQL = """
        SELECT p.sku,
               p.on_hand,
               COALESCE(r.reserved, 0),
               p.base_price_minor, p.base_currency,
               l.external_id,
               a.quantity, a.price_minor, a.price_currency,
               os.quantity, op.price_minor, op.price_currency
        FROM products p
        LEFT JOIN (SELECT sku, SUM(quantity) AS reserved
                   FROM order_lines WHERE reserves = 1
                   GROUP BY sku) r
               ON r.sku = p.sku
        LEFT JOIN listings l ON l.product_id = p.id AND l.channel = ?1
        LEFT JOIN acknowledged_offers a ON a.channel = ?1 AND a.product_id = p.id
        LEFT JOIN outbox os ON os.channel = ?1 AND os.kind = 'stock' AND os.key = p.sku AND os.status = 'pending'
        LEFT JOIN outbox op ON op.channel = ?1 AND op.kind = 'price' AND op.key = p.sku AND op.status = 'pending'
        ORDER BY p.sku
        """

    /// Every product with on hand (sum of lots), reserved (order lines on any channel that reserve, matched by
    /// SKU), base price, this channel's listing, acknowledged values and pending (not parked)
    /// outbox values; ordered by SKU. Not the engine's path (that is `planningInput`, all channels at once): a
    /// per-channel view in one plain query, for diagnostics and as the tests' independent check of `planningInput`.
    func planningRows(for channel: ChannelID) async throws -> [PlanningRow] {
        try await read("read planning rows") { db in
            let statement = try db.cachedStatement(sql: Self.planningSQL)
            var result: [PlanningRow] = []
            let rows = try Row.fetchCursor(statement, arguments: [channel.rawValue])
            while let row = try rows.next() {
                result.append(PlanningRow(
                    sku: SKU(try row.string(0)),
                    onHand: try row.int64(1),
                    reserved: try row.int64(2),
                    basePrice: try row.money(3),
                    listing: try row.optionalString(5),
                    acknowledgedQuantity: try row.optionalInt64(6),
                    acknowledgedPrice: try row.optionalMoney(7),
                    pendingQuantity: try row.optionalInt64(9),
                    pendingPrice: try row.optionalMoney(10)))
            }
            return result
        }
    }

    /// What `channel` last acknowledged, per SKU, ordered by SKU.
    public func acknowledgedOffers(for channel: ChannelID) async throws -> [AcknowledgedOffer] {
        try await read("read acknowledged offers") { db in
            let statement = try db.cachedStatement(sql: """
                SELECT p.sku, a.quantity, a.price_minor, a.price_currency, a.quantity_version, a.price_version,
                       a.acknowledged_at, l.external_id
                FROM acknowledged_offers a JOIN products p ON p.id = a.product_id
                LEFT JOIN listings l ON l.product_id = a.product_id AND l.channel = a.channel
                WHERE a.channel = ?
                ORDER BY p.sku
                """)
            var result: [AcknowledgedOffer] = []
            let rows = try Row.fetchCursor(statement, arguments: [channel.rawValue])
            while let row = try rows.next() {
                result.append(AcknowledgedOffer(
                    channel: channel, sku: SKU(try row.string(0)), quantity: try row.optionalInt64(1),
                    price: try row.optionalMoney(2), quantityVersion: try row.optionalInt64(4),
                    priceVersion: try row.optionalInt64(5), acknowledgedAt: try row.date(6), listing: try row.optionalString(7)))
            }
            return result
        }
    }
}
