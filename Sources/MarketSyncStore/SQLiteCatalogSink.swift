internal import Foundation
internal import GRDB
internal import MarketSync

/// The store's side of a streamed import (``CatalogImportSink``), inside one transaction: reads what is stored
/// (as this transaction left it) and writes through a ``CatalogWriter``. In preview mode (a dry run, in a read
/// transaction) it writes nothing and collects the products instead, answering later reads from them first.
final class SQLiteCatalogSink: CatalogImportSink {
    private let db: Database
    private let writer: CatalogWriter?
    private let store: SQLiteStore
    /// Preview mode: the products that would be written, in order, and the source keys that would be recorded.
    private(set) var collected: [Product] = []
    private var collectedIndex: [SKU: Int] = [:]
    private var collectedKeys: [String: SKU] = [:]

    /// A sink writing through `writer`, or collecting (preview) when it is nil.
    init(_ db: Database, writer: CatalogWriter?, store: SQLiteStore) {
        self.db = db
        self.writer = writer
        self.store = store
    }

    func products(_ skus: [SKU]) throws -> [SKU: Product] {
        var products: [SKU: Product] = [:]
        var missing: [String] = []
        for sku in skus {
            if let index = collectedIndex[sku] { products[sku] = collected[index] } else { missing.append(sku.rawValue) }
        }
        var start = 0
        while start < missing.count {
            let chunk = Array(missing[start..<min(start + SQLiteStore.importChunkSize, missing.count)])
            start += chunk.count
            for (sku, entry) in try SQLiteStore.storedEntries(db, skus: chunk) {
                products[SKU(sku)] = try product(SKU(sku), from: entry)
            }
        }
        return products
    }

    func skus(forSourceKeys keys: [String]) throws -> [String: SKU] {
        var found: [String: SKU] = [:]
        var missing: [String] = []
        for key in keys {
            if let sku = collectedKeys[key] { found[key] = sku } else { missing.append(key) }
        }
        let statement = try db.cachedStatement(sql: "SELECT sku FROM source_keys WHERE key = ?")
        for key in missing {
            if let sku = try String.fetchOne(statement, arguments: [key]) { found[key] = SKU(sku) }
        }
        return found
    }

    func upsert(_ products: [Product]) throws {
        if let writer {
            try writer.upsert(products)
            return
        }
        for product in products {
            if let index = collectedIndex[product.sku] {
                collected[index] = product
            } else {
                collectedIndex[product.sku] = collected.count
                collected.append(product)
            }
        }
    }

    func recordSourceKeys(_ keys: [String: SKU]) throws {
        guard writer != nil else {
            collectedKeys.merge(keys) { $1 }
            return
        }
        let statement = try db.cachedStatement(sql: """
            INSERT INTO source_keys (key, sku) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET sku = excluded.sku
            """)
        for (key, sku) in keys { try statement.execute(arguments: [key, sku.rawValue]) }
    }

    /// A stored entry as a product.
    private func product(_ sku: SKU, from entry: SQLiteStore.CatalogEntry) throws -> Product {
        var gtin: GTIN?
        if let digits = entry.gtin {
            do { gtin = try GTIN(validating: digits) } catch { throw store.corrupt("GTIN", sku: sku) }
        }
        let lots = entry.lots.map {
            StockLot(warehouse: $0.warehouse, lot: $0.lot, quantity: $0.quantity, expiresOn: $0.expiresOn.map(Date.init(unixMilliseconds:)),
                     producedOn: $0.producedOn.map(Date.init(unixMilliseconds:)))
        }
        return Product(sku: sku, gtin: gtin, names: LocalizedNames(ru: entry.nameRU, zh: entry.nameZH, en: entry.nameEN), unit: entry.unit,
                       basePrice: Money(minorUnits: entry.priceMinor, currency: Currency(rawValue: entry.currency)), lots: lots,
                       listings: entry.listings)
    }
}
