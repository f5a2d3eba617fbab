import MarketSync

/// The errors the simulator raises itself (the codecs and the drop raise their own).
enum PartnerProblems {
    /// An order line for a product the chain cannot name: no GTIN in the catalog for it.
    static func noGTIN(_ sku: SKU, channel: ChannelID) -> MarketSyncError {
        MarketSyncError(.config, "SKU \(sku) has no GTIN: set the catalog's listing:\(channel) (or gtin) column", channel: channel,
                        sku: sku, key: "--order")
    }

    /// An order line for a SKU the catalog does not hold.
    static func unknownSKU(_ sku: SKU, channel: ChannelID) -> MarketSyncError {
        MarketSyncError(.config, "SKU \(sku) is not in the catalog the config's sources list", channel: channel, sku: sku, key: "--order")
    }
}
