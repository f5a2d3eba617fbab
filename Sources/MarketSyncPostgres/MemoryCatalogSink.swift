internal import MarketSync

/// A streamed import's sink over a copy of the catalog in memory: reads answer from what the import wrote first,
/// then from the copy; writes are collected (in order, a SKU written twice keeps its later product) for the store to
/// apply afterwards. Used inside one transaction by one task; not shared.
final class MemoryCatalogSink: CatalogImportSink {
    private let stored: [SKU: Product]
    private let storedKeys: [String: SKU]
    /// The products written, in the order first written.
    private(set) var collected: [Product] = []
    private var collectedIndex: [SKU: Int] = [:]
    /// The source keys recorded.
    private(set) var collectedKeys: [String: SKU] = [:]

    init(stored: [SKU: Product], sourceKeys: [String: SKU]) {
        self.stored = stored
        self.storedKeys = sourceKeys
    }

    func products(_ skus: [SKU]) throws -> [SKU: Product] {
        var found: [SKU: Product] = [:]
        for sku in skus {
            if let index = collectedIndex[sku] { found[sku] = collected[index] } else if let product = stored[sku] { found[sku] = product }
        }
        return found
    }

    func skus(forSourceKeys keys: [String]) throws -> [String: SKU] {
        var found: [String: SKU] = [:]
        for key in keys {
            if let sku = collectedKeys[key] ?? storedKeys[key] { found[key] = sku }
        }
        return found
    }

    func upsert(_ products: [Product]) throws {
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
        collectedKeys.merge(keys) { $1 }
    }
}
