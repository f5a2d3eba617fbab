public import Foundation
public import MarketSync
internal import PostgresNIO

extension PostgresStore: CatalogStore {
    /// Upserts `products` by SKU in one transaction, as `SQLiteStore` does: a product equal in every field, lot and
    /// listing is unchanged; a changed one has its lots and listings replaced; the import takes the next change
    /// sequence once (only when something changed) and stamps it on what it inserted or changed; order lines that
    /// matched nothing are linked when the catalog now has their product.
    public func applyImport(_ products: [Product], source: String, at date: Date) async throws -> ImportCounts {
        try await write("apply import from \(source)") { connection in
            var writer = PostgresCatalogWriter(store: self, connection: connection, at: date)
            try await writer.upsert(products)
            return try await writer.finish(source: source)
        }
    }

    /// A streamed import in one transaction. The body is synchronous and reads what is stored as it goes, so the
    /// catalog (products, lots, listings, source keys) is read into memory first, under a lock that keeps other
    /// imports out until this one commits; the body reads and writes that copy, and what it wrote is then upserted
    /// as `applyImport(_:source:at:)` does. An error the body throws applies nothing.
    public func applyImport<Result: Sendable>(source: String, at date: Date,
                                              streaming body: @Sendable (any CatalogImportSink) throws -> Result) async throws -> (ImportCounts, Result) {
        try await write("apply import from \(source)") { connection in
            try await connection.run("LOCK TABLE products IN SHARE ROW EXCLUSIVE MODE", logger: self.logger)
            let sink = MemoryCatalogSink(stored: try await self.allProducts(connection), sourceKeys: try await self.sourceKeys(connection))
            let result = try body(sink)
            var writer = PostgresCatalogWriter(store: self, connection: connection, at: date)
            try await writer.upsert(sink.collected)
            for (key, sku) in sink.collectedKeys.sorted(by: { $0.key < $1.key }) {
                try await connection.run("""
                    INSERT INTO source_keys (key, sku) VALUES (\(key), \(sku.rawValue)) ON CONFLICT (key) DO UPDATE SET sku = excluded.sku
                    """, logger: self.logger)
            }
            return (try await writer.finish(source: source), result)
        }
    }

    /// The same reading against a snapshot of the stored catalog, writing nothing.
    public func previewImport<Result: Sendable>(streaming body: @Sendable (any CatalogImportSink) throws -> Result) async throws -> ([Product], Result) {
        try await read("preview an import") { connection in
            let sink = MemoryCatalogSink(stored: try await self.allProducts(connection), sourceKeys: try await self.sourceKeys(connection))
            let result = try body(sink)
            return (sink.collected, result)
        }
    }

    /// One product, or nil.
    public func product(_ sku: SKU) async throws -> Product? {
        try await read("read a product") { connection in
            try await self.storedProducts(connection, skus: [sku.rawValue])[sku]
        }
    }

    /// How many products the catalog holds.
    public func productCount() async throws -> Int {
        try await read("count products") { connection in
            try await connection.rows("SELECT COUNT(*) FROM products", logger: self.logger).first?.decode(Int.self) ?? 0
        }
    }

    // MARK: - Reading products

    /// The stored products of `skus` (nil: every product), with their lots (in import order) and listings.
    func storedProducts(_ connection: PostgresConnection, skus: [String]?) async throws -> [SKU: Product] {
        let all = skus == nil
        let wanted = skus ?? []
        var products: [Int64: Product] = [:]
        for row in try await connection.rows("""
            SELECT id, sku, gtin, name_ru, name_zh, name_en, unit, base_price_minor, base_currency FROM products
            WHERE \(all) OR sku = ANY(\(wanted))
            """, logger: logger) {
            let (id, sku, gtinText, ru, zh, en, unit, minor, currency)
                = try row.decode((Int64, String, String?, String, String, String, String, Int64, String).self)
            var gtin: GTIN?
            if let gtinText {
                do { gtin = try GTIN(validating: gtinText) } catch { throw corrupt("GTIN", sku: SKU(sku)) }
            }
            products[id] = Product(sku: SKU(sku), gtin: gtin, names: LocalizedNames(ru: ru, zh: zh, en: en), unit: unit,
                                   basePrice: Money(minorUnits: minor, currency: Currency(rawValue: currency)), lots: [], listings: [:])
        }
        guard !products.isEmpty else { return [:] }
        let ids = Array(products.keys)
        for row in try await connection.rows("""
            SELECT product_id, warehouse, lot, quantity, expires_on, produced_on FROM stock_lots
            WHERE \(all) OR product_id = ANY(\(ids)) ORDER BY product_id, position
            """, logger: logger) {
            let (id, warehouse, lot, quantity, expires, produced) = try row.decode((Int64, String, String, Int64, Int64?, Int64?).self)
            products[id]?.lots.append(StockLot(warehouse: warehouse, lot: lot, quantity: quantity,
                                               expiresOn: expires.map(Date.init(unixMilliseconds:)),
                                               producedOn: produced.map(Date.init(unixMilliseconds:))))
        }
        for row in try await connection.rows("""
            SELECT product_id, channel, external_id FROM listings WHERE \(all) OR product_id = ANY(\(ids))
            """, logger: logger) {
            let (id, channel, external) = try row.decode((Int64, String, String).self)
            products[id]?.listings[ChannelID(channel)] = external
        }
        var bySKU: [SKU: Product] = [:]
        for product in products.values { bySKU[product.sku] = product }
        return bySKU
    }

    func allProducts(_ connection: PostgresConnection) async throws -> [SKU: Product] {
        try await storedProducts(connection, skus: nil)
    }

    func sourceKeys(_ connection: PostgresConnection) async throws -> [String: SKU] {
        var keys: [String: SKU] = [:]
        for row in try await connection.rows("SELECT key, sku FROM source_keys", logger: logger) {
            let (key, sku) = try row.decode((String, String).self)
            keys[key] = SKU(sku)
        }
        return keys
    }
}
