internal import Foundation
internal import MarketSync
internal import PostgresNIO

/// Writes one import inside its transaction (`upsert(_:)` as often as needed, then `finish(source:)`), as
/// `SQLiteStore`'s catalog writer does: products compared field by field, lot by lot and listing by listing; the
/// change sequence taken once, on the first change, and stamped on every product inserted or changed.
struct PostgresCatalogWriter {
    let store: PostgresStore
    let connection: PostgresConnection
    let now: Int64
    private var changeSequence: Int64?
    private(set) var counts = ImportCounts()

    init(store: PostgresStore, connection: PostgresConnection, at date: Date) {
        self.store = store
        self.connection = connection
        self.now = date.unixMilliseconds
    }

    private mutating func sequence() async throws -> Int64 {
        if let changeSequence { return changeSequence }
        let next = try await store.nextCounter(connection, "change")
        changeSequence = next
        return next
    }

    /// Upserts `products` by SKU, in order, 500 at a time (a SKU given twice is applied twice; the later one wins).
    mutating func upsert(_ products: [Product]) async throws {
        var start = products.startIndex
        while start < products.endIndex {
            let chunk = products[start..<min(start + 500, products.endIndex)]
            start = chunk.endIndex
            var stored = try await store.storedProducts(connection, skus: chunk.map(\.sku.rawValue))
            var ids: [SKU: Int64] = [:]
            for row in try await connection.rows("SELECT sku, id FROM products WHERE sku = ANY(\(chunk.map(\.sku.rawValue)))",
                                                 logger: store.logger) {
                let (sku, id) = try row.decode((String, Int64).self)
                ids[SKU(sku)] = id
            }
            for product in chunk {
                let incoming = Self.normalized(product)
                let onHand = try Self.onHand(product)
                if let existing = stored[product.sku], let id = ids[product.sku] {
                    if existing == incoming {
                        counts.unchanged += 1
                        continue
                    }
                    try await connection.run("""
                        UPDATE products SET gtin = \(incoming.gtin?.digits), name_ru = \(incoming.names.ru), name_zh = \(incoming.names.zh),
                            name_en = \(incoming.names.en), unit = \(incoming.unit), base_price_minor = \(incoming.basePrice.minorUnits),
                            base_currency = \(incoming.basePrice.currency.rawValue), on_hand = \(onHand), updated_at = \(now),
                            change_seq = \(try await sequence())
                        WHERE id = \(id)
                        """, logger: store.logger)
                    if existing.lots != incoming.lots {
                        try await connection.run("DELETE FROM stock_lots WHERE product_id = \(id)", logger: store.logger)
                        try await insertLots(incoming.lots, productID: id)
                    }
                    if existing.listings != incoming.listings {
                        try await connection.run("DELETE FROM listings WHERE product_id = \(id)", logger: store.logger)
                        try await insertListings(incoming.listings, productID: id)
                    }
                    counts.updated += 1
                } else {
                    guard let id = try await connection.rows("""
                        INSERT INTO products (sku, gtin, name_ru, name_zh, name_en, unit, base_price_minor, base_currency, on_hand,
                                              updated_at, change_seq)
                        VALUES (\(product.sku.rawValue), \(incoming.gtin?.digits), \(incoming.names.ru), \(incoming.names.zh),
                                \(incoming.names.en), \(incoming.unit), \(incoming.basePrice.minorUnits),
                                \(incoming.basePrice.currency.rawValue), \(onHand), \(now), \(try await sequence()))
                        RETURNING id
                        """, logger: store.logger).first?.decode(Int64.self) else { throw store.corrupt("product id", sku: product.sku) }
                    try await insertLots(incoming.lots, productID: id)
                    try await insertListings(incoming.listings, productID: id)
                    ids[product.sku] = id
                    counts.inserted += 1
                }
                // A SKU repeated later in the same chunk sees this write.
                stored[product.sku] = incoming
            }
        }
    }

    /// Links order lines that matched nothing and now match, closes their incidents, records the import.
    mutating func finish(source: String) async throws -> ImportCounts {
        var relinked = Set<String>()
        for row in try await connection.rows("""
            SELECT ol.order_ref, ol.position, ol.sku, ol.listing, ol.quantity, o.channel, o.order_id
            FROM order_lines ol JOIN orders o ON o.id = ol.order_ref WHERE NOT ol.matched
            """, logger: store.logger) {
            let (ref, position, sku, listing, quantity, channel, orderID) = try row.decode((Int64, Int, String, String?, Int64, String, String).self)
            let line = OrderLine(sku: SKU(sku), quantity: quantity, listing: listing)
            let (resolved, matched) = try await store.link(connection, line, channel: channel)
            guard matched else { continue }
            try await connection.run("""
                UPDATE order_lines SET sku = \(resolved.sku.rawValue), matched = TRUE WHERE order_ref = \(ref) AND position = \(position)
                """, logger: store.logger)
            try await connection.run("""
                UPDATE order_incidents SET resolved_at = \(now)
                WHERE channel = \(channel) AND order_id = \(orderID) AND kind = \(PostgresStore.unmatchedLineIncident)
                    AND detail = \(PostgresStore.incidentDetail(line, position: position)) AND resolved_at IS NULL
                """, logger: store.logger)
            relinked.insert(resolved.sku.rawValue)
        }
        if !relinked.isEmpty {
            try await connection.run("UPDATE products SET change_seq = \(try await sequence()) WHERE sku = ANY(\(relinked.sorted()))",
                                     logger: store.logger)
        }
        try await connection.run("""
            INSERT INTO imports (source, at, inserted, updated, unchanged)
            VALUES (\(source), \(now), \(counts.inserted), \(counts.updated), \(counts.unchanged))
            """, logger: store.logger)
        return counts
    }

    private func insertLots(_ lots: [StockLot], productID: Int64) async throws {
        for (position, lot) in lots.enumerated() {
            try await connection.run("""
                INSERT INTO stock_lots (product_id, position, warehouse, lot, quantity, expires_on, produced_on)
                VALUES (\(productID), \(position), \(lot.warehouse), \(lot.lot), \(lot.quantity), \(lot.expiresOn?.unixMilliseconds),
                        \(lot.producedOn?.unixMilliseconds))
                """, logger: store.logger)
        }
    }

    private func insertListings(_ listings: [ChannelID: String], productID: Int64) async throws {
        for (channel, external) in listings.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            try await connection.run("""
                INSERT INTO listings (product_id, channel, external_id) VALUES (\(productID), \(channel.rawValue), \(external))
                """, logger: store.logger)
        }
    }

    /// `product` as the store keeps it: dates to the millisecond, so a product read back compares equal.
    static func normalized(_ product: Product) -> Product {
        var product = product
        product.lots = product.lots.map { lot in
            var lot = lot
            lot.expiresOn = lot.expiresOn.map { Date(unixMilliseconds: $0.unixMilliseconds) }
            lot.producedOn = lot.producedOn.map { Date(unixMilliseconds: $0.unixMilliseconds) }
            return lot
        }
        return product
    }

    /// The sum of a product's lots, refusing a sum that does not fit in 64 bits.
    static func onHand(_ product: Product) throws -> Int64 {
        var total: Int64 = 0
        for lot in product.lots {
            let (sum, overflow) = total.addingReportingOverflow(lot.quantity)
            guard !overflow else { throw MarketSyncError(.store, "stock of a product does not fit in 64 bits", sku: product.sku) }
            total = sum
        }
        return total
    }
}
