public import MarketSync

/// What an EDI adapter reads back from the store: a product (its GTIN and names, for the lines of a stock or price
/// file) and a stored order (its lines, GTINs, quantities and date, for the order response). `SQLiteStore` has both.
public protocol RetailEDIRecords: Sendable {
    /// One product, or nil when the catalog does not hold `sku`.
    func product(_ sku: SKU) async throws -> Product?
    /// The stored order `id` of `channel`, or nil.
    func order(_ id: String, channel: ChannelID) async throws -> StoredOrder?
}

/// Everything an EDI adapter keeps in the store: products and orders to read back, control numbers that are never
/// reused, the ledger of the partner's files, and the files made for the partner (kept so a retry sends the same
/// bytes). `SQLiteStore` is one.
public typealias RetailEDIStore = RetailEDIRecords & ControlNumberSource & FileDropLedger & OutgoingFileStore
