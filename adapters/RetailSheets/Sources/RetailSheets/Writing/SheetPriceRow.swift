public import MarketSync

/// One row of a price sheet: a SKU's price, for one store when the chain prices per store.
public struct SheetPriceRow: Sendable, Hashable {
    /// The outbox item it sends; nil for a value a snapshot carries unchanged.
    public var item: Int64?
    /// Our SKU.
    public var sku: SKU
    /// The chain's item code, when the update has it (else the catalog's listing is used).
    public var listing: String?
    /// The price of one unit, in minor units of its currency.
    public var price: Money
    /// The store code, for a chain that prices per store.
    public var store: String?

    /// A row as given.
    public init(item: Int64?, sku: SKU, listing: String?, price: Money, store: String? = nil) {
        self.item = item
        self.sku = sku
        self.listing = listing
        self.price = price
        self.store = store
    }

    /// The row of a price update (its item unless carried), for `store` if given.
    public init(_ update: PriceUpdate, store: String? = nil) {
        self.init(item: update.carried ? nil : update.item, sku: update.sku, listing: update.listing, price: update.price, store: store)
    }
}
