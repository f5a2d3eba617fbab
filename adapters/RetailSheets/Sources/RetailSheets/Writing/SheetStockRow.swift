public import MarketSync

/// One row of a stock sheet: a SKU's units, for one store when the chain takes stock per store.
public struct SheetStockRow: Sendable, Hashable {
    /// The outbox item it sends; nil for a value a snapshot carries unchanged.
    public var item: Int64?
    /// Our SKU.
    public var sku: SKU
    /// The chain's item code, when the update has it (else the catalog's listing is used).
    public var listing: String?
    /// Units to show.
    public var quantity: Int64
    /// The store code, for a chain that takes stock per store.
    public var store: String?

    /// A row as given.
    public init(item: Int64?, sku: SKU, listing: String?, quantity: Int64, store: String? = nil) {
        self.item = item
        self.sku = sku
        self.listing = listing
        self.quantity = quantity
        self.store = store
    }

    /// The row of a stock update (its item unless carried), for `store` if given.
    public init(_ update: StockUpdate, store: String? = nil) {
        self.init(item: update.carried ? nil : update.item, sku: update.sku, listing: update.listing, quantity: update.quantity, store: store)
    }
}
