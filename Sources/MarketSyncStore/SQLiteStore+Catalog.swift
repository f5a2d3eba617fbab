public import Foundation
public import MarketSync
internal import GRDB

extension SQLiteStore {
    /// Upserts `products` by SKU in one transaction, replacing each changed product's lots and listings, and
    /// records the import. A product counts as unchanged only when every field, lot (in order) and listing is
    /// equal to what is stored; SKUs absent from `products` are left as they are. A SKU given twice is applied
    /// twice, in order (the later one wins). See ``CatalogWriter`` for how.
    public func applyImport(_ products: [Product], source: String, at date: Date) async throws -> ImportCounts {
        try await write("apply import from \(source)") { db in
            let writer = try CatalogWriter(db, at: date, storePath: self.path)
            try writer.upsert(products)
            return try writer.finish(source: source)
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

    /// How many SKUs an import reads back per query (well under SQLite's limit on bound variables).
    static let importChunkSize = 500

    /// A lot as compared on import: the dates in stored (millisecond) precision.
    struct LotKey: Equatable {
        var warehouse: String
        var lot: String
        var quantity: Int64
        var expiresOn: Int64?
        var producedOn: Int64?
        init(_ lot: StockLot) {
            self.init(warehouse: lot.warehouse, lot: lot.lot, quantity: lot.quantity,
                      expiresOn: lot.expiresOn?.unixMilliseconds, producedOn: SQLiteStore.producedOn(lot))
        }
        init(warehouse: String, lot: String, quantity: Int64, expiresOn: Int64?, producedOn: Int64?) {
            self.warehouse = warehouse
            self.lot = lot
            self.quantity = quantity
            self.expiresOn = expiresOn
            self.producedOn = producedOn
        }
    }

    /// The lot's production date as stored (Unix milliseconds).
    static func producedOn(_ lot: StockLot) -> Int64? { lot.producedOn?.unixMilliseconds }

    /// A product as the import compares it: columns as stored, lots in order, listings.
    struct CatalogEntry {
        var id: Int64
        var gtin: String?
        var nameRU: String
        var nameZH: String
        var nameEN: String
        var unit: String
        var priceMinor: Int64
        var currency: String
        var onHand: Int64
        var lots: [LotKey] = []
        var listings: [ChannelID: String] = [:]

        init(id: Int64, gtin: String?, nameRU: String, nameZH: String, nameEN: String, unit: String,
             priceMinor: Int64, currency: String, onHand: Int64) {
            self.id = id
            self.gtin = gtin
            self.nameRU = nameRU
            self.nameZH = nameZH
            self.nameEN = nameEN
            self.unit = unit
            self.priceMinor = priceMinor
            self.currency = currency
            self.onHand = onHand
        }

        init(_ product: Product, id: Int64, onHand: Int64) {
            self.init(id: id, gtin: product.gtin?.digits, nameRU: product.names.ru, nameZH: product.names.zh,
                      nameEN: product.names.en, unit: product.unit, priceMinor: product.basePrice.minorUnits,
                      currency: product.basePrice.currency.rawValue, onHand: onHand)
            lots = product.lots.map(LotKey.init)
            listings = product.listings
        }

        func hasSameFields(as other: CatalogEntry) -> Bool {
            gtin == other.gtin && nameRU == other.nameRU && nameZH == other.nameZH && nameEN == other.nameEN
                && unit == other.unit && priceMinor == other.priceMinor && currency == other.currency
        }
    }

    /// What the store holds for `skus`, by SKU, in three queries (products, their lots, their listings).
    static func storedEntries(_ db: Database, skus: [String]) throws -> [String: CatalogEntry] {
        var entries: [String: CatalogEntry] = [:]
        var skuByID: [Int64: String] = [:]
        let products = try Row.fetchCursor(db.cachedStatement(sql: """
            SELECT id, sku, gtin, name_ru, name_zh, name_en, unit, base_price_minor, base_currency, on_hand
            FROM products WHERE sku IN (\(placeholders(skus.count)))
            """), arguments: StatementArguments(skus))
        while let row = try products.next() {
            let id = try row.int64(0)
            let sku = try row.string(1)
            skuByID[id] = sku
            entries[sku] = CatalogEntry(id: id, gtin: try row.optionalString(2), nameRU: try row.string(3),
                                        nameZH: try row.string(4), nameEN: try row.string(5), unit: try row.string(6),
                                        priceMinor: try row.int64(7), currency: try row.string(8),
                                        onHand: try row.int64(9))
        }
        guard !skuByID.isEmpty else { return entries }
        let ids = Array(skuByID.keys)
        let lots = try Row.fetchCursor(db.cachedStatement(sql: """
            SELECT product_id, warehouse, lot, quantity, expires_on, produced_on FROM stock_lots
            WHERE product_id IN (\(placeholders(ids.count))) ORDER BY product_id, id
            """), arguments: StatementArguments(ids))
        while let row = try lots.next() {
            guard let sku = skuByID[try row.int64(0)] else { continue }
            entries[sku]?.lots.append(LotKey(warehouse: try row.string(1), lot: try row.string(2),
                                             quantity: try row.int64(3), expiresOn: try row.optionalInt64(4),
                                             producedOn: try row.optionalInt64(5)))
        }
        let listings = try Row.fetchCursor(db.cachedStatement(sql: """
            SELECT product_id, channel, external_id FROM listings WHERE product_id IN (\(placeholders(ids.count)))
            """), arguments: StatementArguments(ids))
        while let row = try listings.next() {
            guard let sku = skuByID[try row.int64(0)] else { continue }
            entries[sku]?.listings[ChannelID(try row.string(1))] = try row.string(2)
        }
        return entries
    }

    /// "?, ?, ?" for `count` values.
    private static func placeholders(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ", ")
    }

    static func storedLots(_ db: Database, productID: Int64) throws -> [StockLot] {
        let statement = try db.cachedStatement(sql: """
            SELECT warehouse, lot, quantity, expires_on, produced_on FROM stock_lots WHERE product_id = ? ORDER BY id
            """)
        var lots: [StockLot] = []
        let rows = try Row.fetchCursor(statement, arguments: [productID])
        while let row = try rows.next() {
            lots.append(StockLot(warehouse: try row.string(0), lot: try row.string(1), quantity: try row.int64(2),
                                 expiresOn: try row.optionalDate(3), producedOn: try row.optionalDate(4)))
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
            INSERT INTO stock_lots (product_id, warehouse, lot, quantity, expires_on, produced_on)
            VALUES (?, ?, ?, ?, ?, ?)
            """)
        for lot in lots {
            try statement.execute(arguments: [productID, lot.warehouse, lot.lot, lot.quantity,
                                              lot.expiresOn?.unixMilliseconds, producedOn(lot)])
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
