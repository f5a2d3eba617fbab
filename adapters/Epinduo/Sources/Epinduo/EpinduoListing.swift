internal import MarketSync

/// Where one of our SKUs lives on Epinduo: the platform's goods and SKU ids, written `"<goods_id>:<sku_id>"`
/// in the catalog's listing for the channel.
struct EpinduoListing: Sendable, Hashable, CustomStringConvertible {
    /// The platform's goods (product) id.
    public var goodsID: String
    /// The platform's SKU id within the goods.
    public var skuID: String

    /// A listing from its two ids.
    public init(goodsID: String, skuID: String) {
        self.goodsID = goodsID
        self.skuID = skuID
    }

    /// Parses `"<goods_id>:<sku_id>"`; both ids are decimal numbers on the platform. Nil for anything else.
    public init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2,
              parts.allSatisfy({ !$0.isEmpty && $0.count <= 20 && $0.utf8.allSatisfy { $0 >= 48 && $0 <= 57 } })
        else { return nil }
        goodsID = String(parts[0])
        skuID = String(parts[1])
    }

    /// Parses the listing of `sku`, or returns the per-item validation error (key `listing`) when it is
    /// missing or malformed.
    static func parse(_ text: String?, sku: SKU, channel: ChannelID) -> Result<EpinduoListing, MarketSyncError> {
        guard let text else {
            return .failure(MarketSyncError(.validation, "no Epinduo listing (goods_id:sku_id) for this SKU",
                                            channel: channel, sku: sku, key: "listing"))
        }
        guard let listing = EpinduoListing(text) else {
            return .failure(MarketSyncError(.validation, "Epinduo listing must be \"<goods_id>:<sku_id>\" (digits)",
                                            channel: channel, sku: sku, key: "listing"))
        }
        return .success(listing)
    }

    /// `"<goods_id>:<sku_id>"`.
    public var description: String { "\(goodsID):\(skuID)" }
}
