public import Foundation
public import MarketSync
internal import GRDB

extension SQLiteStore {
    /// Upserts `products` by SKU in one transaction, replacing each changed product's lots and listings, and
    /// records the import. A product counts as unchanged only when every field, lot (in order) and listing is
    /// equal to what is stored; SKUs absent from `products` are left as they are. A SKU given twice is applied
    /// twice, in order (the later one wins).
    public func applyImport(_ products: [Product], source: String, at date: Date) async throws -> ImportCounts {
        try await write("apply import from \(source)") { db in
            let now = date.unixMilliseconds
            let find = try db.cachedStatement(sql: """
                SELECT id, gtin, name_ru, name_zh, name_en, unit, base_price_minor, base_currency
                FROM products WHERE sku = ?
                """)
            let insert = try db.cachedStatement(sql: """
                INSERT INTO products (sku, gtin, name_ru, name_zh, name_en, unit, base_price_minor, base_currency,
                                      on_hand, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            let update = try db.cachedStatement(sql: """
                UPDATE products SET gtin = ?, name_ru = ?, name_zh = ?, name_en = ?, unit = ?, base_price_minor = ?,
                                    base_currency = ?, on_hand = ?, updated_at = ?
                WHERE id = ?
                """)
            let touch = try db.cachedStatement(sql: "UPDATE products SET on_hand = ?, updated_at = ? WHERE id = ?")
            var counts = ImportCounts()
            for product in products {
                let gtin = product.gtin?.digits
                let onHand = try self.onHand(product)
                if let row = try Row.fetchOne(find, arguments: [product.sku.rawValue]) {
                    let id = try row.int64(0)
                    let fieldsEqual = try row.optionalString(1) == gtin
                        && row.string(2) == product.names.ru && row.string(3) == product.names.zh
                        && row.string(4) == product.names.en && row.string(5) == product.unit
                        && row.int64(6) == product.basePrice.minorUnits
                        && row.string(7) == product.basePrice.currency.rawValue
                    let lotsEqual = try Self.storedLots(db, productID: id).map(LotKey.init) == product.lots.map(LotKey.init)
                    let listingsEqual = try Self.storedListings(db, productID: id) == product.listings
                    if fieldsEqual && lotsEqual && listingsEqual {
                        counts.unchanged += 1
                        continue
                    }
                    if fieldsEqual {
                        try touch.execute(arguments: [onHand, now, id])
                    } else {
                        try update.execute(arguments: [
                            gtin, product.names.ru, product.names.zh, product.names.en, product.unit,
                            product.basePrice.minorUnits, product.basePrice.currency.rawValue, onHand, now, id,
                        ])
                    }
                    if !lotsEqual {
                        try db.cachedStatement(sql: "DELETE FROM stock_lots WHERE product_id = ?").execute(arguments: [id])
                        try Self.insertLots(db, product.lots, productID: id)
                    }
                    if !listingsEqual {
                        try db.cachedStatement(sql: "DELETE FROM listings WHERE product_id = ?").execute(arguments: [id])
                        try Self.insertListings(db, product.listings, productID: id)
                    }
                    counts.updated += 1
                } else {
                    try insert.execute(arguments: [
                        product.sku.rawValue, gtin, product.names.ru, product.names.zh, product.names.en, product.unit,
                        product.basePrice.minorUnits, product.basePrice.currency.rawValue, onHand, now,
                    ])
                    let id = db.lastInsertedRowID
                    try Self.insertLots(db, product.lots, productID: id)
                    try Self.insertListings(db, product.listings, productID: id)
                    counts.inserted += 1
                }
            }
            try db.execute(
                sql: "INSERT INTO imports (source, at, inserted, updated, unchanged) VALUES (?, ?, ?, ?, ?)",
                arguments: [source, now, counts.inserted, counts.updated, counts.unchanged])
            return counts
        }
    }

    /// One product with its lots (in import order) and listings, or nil.
    public func product(_ sku: SKU) async throws -> Product? {
        try await read("read a product") { db in
            guard let row = try Row.fetchOne(db.cachedStatement(sql: """
                SELECT id, gtin, name_ru, name_zh, name_en, unit, base_price_minor, base_currency
                FROM products WHERE sku = ?
                """), arguments: [sku.rawValue]) else { return nil }
            let id = try row.int64(0)
            var gtin: GTIN?
            if let digits = try row.optionalString(1) {
                do { gtin = try GTIN(validating: digits) } catch { throw self.corrupt("GTIN", sku: sku) }
            }
            let names = LocalizedNames(ru: try row.string(2), zh: try row.string(3), en: try row.string(4))
            return Product(sku: sku, gtin: gtin, names: names, unit: try row.string(5), basePrice: try row.money(6),
                           lots: try Self.storedLots(db, productID: id),
                           listings: try Self.storedListings(db, productID: id))
        }
    }

    /// How many products the catalog holds.
    public func productCount() async throws -> Int {
        try await read("count products") { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM products") ?? 0
        }
    }

    // MARK: - Lots and listings

    /// The sum of a product's lots, refusing (rather than trapping on) a sum that does not fit in 64 bits.
    private func onHand(_ product: Product) throws -> Int64 {
        var total: Int64 = 0
        for lot in product.lots {
            let (sum, overflow) = total.addingReportingOverflow(lot.quantity)
            guard !overflow else {
                throw MarketSyncError(.store, "stock of a product does not fit in 64 bits", sku: product.sku, file: path)
            }
            total = sum
        }
        return total
    }

    /// A lot as compared on import: the expiry in stored (millisecond) precision.
    private struct LotKey: Equatable {
        var warehouse: String
        var lot: String
        var quantity: Int64
        var expiresOn: Int64?
        init(_ lot: StockLot) {
            warehouse = lot.warehouse
            self.lot = lot.lot
            quantity = lot.quantity
            expiresOn = lot.expiresOn?.unixMilliseconds
        }
    }

    static func storedLots(_ db: Database, productID: Int64) throws -> [StockLot] {
        let statement = try db.cachedStatement(sql: """
            SELECT warehouse, lot, quantity, expires_on FROM stock_lots WHERE product_id = ? ORDER BY id
            """)
        var lots: [StockLot] = []
        let rows = try Row.fetchCursor(statement, arguments: [productID])
        while let row = try rows.next() {
            lots.append(StockLot(warehouse: try row.string(0), lot: try row.string(1), quantity: try row.int64(2),
                                 expiresOn: try row.optionalDate(3)))
        }
        return lots
    }

    static func storedListings(_ db: Database, productID: Int64) throws -> [ChannelID: String] {
        let statement = try db.cachedStatement(sql: "SELECT channel, external_id FROM listings WHERE product_id = ?")
        var listings: [ChannelID: String] = [:]
        let rows = try Row.fetchCursor(statement, arguments: [productID])
        while let row = try rows.next() {
            listings[ChannelID(try row.string(0))] = try row.string(1)
        }
        return listings
    }

    static func insertLots(_ db: Database, _ lots: [StockLot], productID: Int64) throws {
        guard !lots.isEmpty else { return }
        let statement = try db.cachedStatement(sql: """
            INSERT INTO stock_lots (product_id, warehouse, lot, quantity, expires_on) VALUES (?, ?, ?, ?, ?)
            """)
        for lot in lots {
            try statement.execute(arguments: [productID, lot.warehouse, lot.lot, lot.quantity,
                                              lot.expiresOn?.unixMilliseconds])
        }
    }

    static func insertListings(_ db: Database, _ listings: [ChannelID: String], productID: Int64) throws {
        guard !listings.isEmpty else { return }
        let statement = try db.cachedStatement(sql: """
            INSERT INTO listings (product_id, channel, external_id) VALUES (?, ?, ?)
            """)
        for (channel, externalID) in listings {
            try statement.execute(arguments: [productID, channel.rawValue, externalID])
        }
    }
}
