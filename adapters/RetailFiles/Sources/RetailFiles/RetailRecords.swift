public import MarketSync

/// What a retail file channel reads back from the store: a product (its GTIN and names, for the lines of a stock or
/// price file), the products listed on the channel (to link the lines of an order sheet by item code or barcode),
/// and a stored order (its lines, GTINs, quantities and date, for the order response). `SQLiteStore` has all three.
public protocol RetailRecords: Sendable {
    /// One product, or nil when the catalog does not hold `sku`.
    func product(_ sku: SKU) async throws -> Product?
    /// Every product with a listing on `channel`, by SKU.
    func products(listedOn channel: ChannelID) async throws -> [Product]
    /// The stored order `id` of `channel`, or nil.
    func order(_ id: String, channel: ChannelID) async throws -> StoredOrder?
}
