internal import Foundation
internal import GRDB
internal import MarketSync

/// Writes one import inside its transaction, in as many batches as it is given (`upsert(_:)`), then records it
/// (`finish(source:)`). Used by `applyImport` for a whole array and by a streamed import for each chunk.
///
/// What is stored is read `SQLiteStore.importChunkSize` SKUs at a time (three queries per chunk, not per
/// product); the writes go through cached prepared statements.
///
/// Change tracking: when anything is inserted or updated, the transaction takes the next value of the change
/// sequence once and stamps it on every product it inserted or changed (`products.change_seq`); unchanged
/// products keep theirs.
final class CatalogWriter {
    private let db: Database
    private let now: Int64
    private let storePath: String
    private let insert: Statement
    private let update: Statement
    private let deleteLots: Statement
    private let deleteListings: Statement
    private var changeSequence: Int64?
    /// What this import did so far.
    private(set) var counts = ImportCounts()

    /// A writer for one import at `date`, inside the transaction of `db`.
    init(_ db: Database, at date: Date, storePath: String) throws {
        self.db = db
        self.now = date.unixMilliseconds
        self.storePath = storePath
        insert = try db.cachedStatement(sql: """
            INSERT INTO products (sku, gtin, name_ru, name_zh, name_en, unit, base_price_minor, base_currency,
                                  on_hand, updated_at, change_seq)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        update = try db.cachedStatement(sql: """
            UPDATE products SET gtin = ?, name_ru = ?, name_zh = ?, name_en = ?, unit = ?, base_price_minor = ?,
                                base_currency = ?, on_hand = ?, updated_at = ?, change_seq = ?
            WHERE id = ?
            """)
        deleteLots = try db.cachedStatement(sql: "DELETE FROM stock_lots WHERE product_id = ?")
        deleteListings = try db.cachedStatement(sql: "DELETE FROM listings WHERE product_id = ?")
    }

    /// The change sequence of this import, taken on its first change only: an import that changes nothing leaves
    /// the sequence alone.
    private func sequence() throws -> Int64 {
        if let changeSequence { return changeSequence }
        let next = try SQLiteStore.nextChangeSequence(db)
        changeSequence = next
        return next
    }

    /// Upserts `products` by SKU, in order (a SKU given twice is applied twice; the later one wins).
    func upsert(_ products: [Product]) throws {
        var chunkStart = products.startIndex
        while chunkStart < products.endIndex {
            let chunk = products[chunkStart..<min(chunkStart + SQLiteStore.importChunkSize, products.endIndex)]
            chunkStart = chunk.endIndex
            var stored = try SQLiteStore.storedEntries(db, skus: chunk.map(\.sku.rawValue))
            for product in chunk {
                let incoming = SQLiteStore.CatalogEntry(product, id: 0, onHand: try onHand(product))
                let id: Int64
                if let entry = stored[product.sku.rawValue] {
                    id = entry.id
                    let fieldsEqual = entry.hasSameFields(as: incoming)
                    let lotsEqual = entry.lots == incoming.lots
                    let listingsEqual = entry.listings == incoming.listings
                    if fieldsEqual && lotsEqual && listingsEqual {
                        counts.unchanged += 1
                        continue
                    }
                    try update.execute(arguments: [
                        incoming.gtin, incoming.nameRU, incoming.nameZH, incoming.nameEN, incoming.unit,
                        incoming.priceMinor, incoming.currency, incoming.onHand, now, try sequence(), id,
                    ])
                    if !lotsEqual {
                        try deleteLots.execute(arguments: [id])
                        try SQLiteStore.insertLots(db, product.lots, productID: id)
                    }
                    if !listingsEqual {
                        try deleteListings.execute(arguments: [id])
                        try SQLiteStore.insertListings(db, product.listings, productID: id)
                    }
                    counts.updated += 1
                } else {
                    try insert.execute(arguments: [
                        product.sku.rawValue, incoming.gtin, incoming.nameRU, incoming.nameZH, incoming.nameEN,
                        incoming.unit, incoming.priceMinor, incoming.currency, incoming.onHand, now, try sequence(),
                    ])
                    id = db.lastInsertedRowID
                    try SQLiteStore.insertLots(db, product.lots, productID: id)
                    try SQLiteStore.insertListings(db, product.listings, productID: id)
                    counts.inserted += 1
                }
                // A SKU repeated later in the same chunk must see this write, as it would sequentially.
                var written = incoming
                written.id = id
                stored[product.sku.rawValue] = written
            }
        }
    }

    /// Ends the import: order lines that matched nothing may match the catalog now; the import is recorded.
    func finish(source: String) throws -> ImportCounts {
        let relinked = try SQLiteStore.relinkUnmatchedLines(db, at: now)
        if !relinked.isEmpty {
            let stamp = try db.cachedStatement(sql: "UPDATE products SET change_seq = ? WHERE sku = ?")
            let next = try sequence()
            for sku in Set(relinked) { try stamp.execute(arguments: [next, sku]) }
        }
        try db.execute(
            sql: "INSERT INTO imports (source, at, inserted, updated, unchanged) VALUES (?, ?, ?, ?, ?)",
            arguments: [source, now, counts.inserted, counts.updated, counts.unchanged])
        return counts
    }

    /// The sum of a product's lots, refusing (rather than trapping on) a sum that does not fit in 64 bits.
    private func onHand(_ product: Product) throws -> Int64 {
        var total: Int64 = 0
        for lot in product.lots {
            let (sum, overflow) = total.addingReportingOverflow(lot.quantity)
            guard !overflow else {
                throw MarketSyncError(.store, "stock of a product does not fit in 64 bits", sku: product.sku, file: storePath)
            }
            total = sum
        }
        return total
    }
}
