public import MarketSync
internal import GRDB

extension SQLiteStore {
    /// Every product with a listing on `channel`, with its lots and listings, by SKU (what a retail chain's order
    /// sheet may name, by SKU, item code or barcode). One read transaction.
    public func products(listedOn channel: ChannelID) async throws -> [Product] {
        try await read("read the products listed on channel \(channel)") { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT p.id, p.sku, p.gtin, p.name_ru, p.name_zh, p.name_en, p.unit, p.base_price_minor, p.base_currency
                FROM products p JOIN listings l ON l.product_id = p.id
                WHERE l.channel = ?
                ORDER BY p.sku
                """, arguments: [channel.rawValue])
            return try rows.map { row in
                let id = try row.int64(0)
                let sku = SKU(try row.string(1))
                var gtin: GTIN?
                if let digits = try row.optionalString(2) {
                    do { gtin = try GTIN(validating: digits) } catch { throw self.corrupt("GTIN", sku: sku) }
                }
                let names = LocalizedNames(ru: try row.string(3), zh: try row.string(4), en: try row.string(5))
                return Product(sku: sku, gtin: gtin, names: names, unit: try row.string(6), basePrice: try row.money(7),
                               lots: try Self.storedLots(db, productID: id), listings: try Self.storedListings(db, productID: id))
            }
        }
    }
}
