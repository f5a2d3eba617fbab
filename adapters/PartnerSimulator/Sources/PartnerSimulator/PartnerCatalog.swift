public import MarketSync

/// What the chain knows of our catalog, by SKU: built from the products the config's sources list (read-only), seen
/// from one channel.
public struct PartnerCatalog: Sendable {
    private let items: [SKU: PartnerItem]

    /// The catalog of `products` as `channel` knows them. A SKU listed twice keeps its last row, as an import does.
    public init(products: [Product], channel: ChannelID) {
        var items: [SKU: PartnerItem] = [:]
        for product in products {
            let listing = product.listings[channel]?.trimmingWhitespace()
            let listed = listing.flatMap { try? GTIN(validating: $0) }
            items[product.sku] = PartnerItem(sku: product.sku, gtin: listed ?? product.gtin,
                                             itemCode: listing.flatMap { $0.isEmpty ? nil : $0 }, names: product.names,
                                             unit: product.unit)
        }
        self.items = items
    }

    /// The item of `sku`, or nil when the catalog has no such product.
    public func item(_ sku: SKU) -> PartnerItem? {
        items[sku]
    }

    /// How many products the catalog holds.
    public var count: Int { items.count }
}
