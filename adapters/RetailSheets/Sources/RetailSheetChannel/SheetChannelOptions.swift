public import MarketSync

/// What a sheet channel's adapter decides besides the layouts: snapshot or delta, how many partner files one listing
/// reads, the store codes per-store sheets are written for, and the currency prices are planned in.
public struct SheetChannelOptions: Sendable, Hashable {
    /// `snapshot` (default: every listed SKU in every sheet, as chains replace their copy whole) or `delta`.
    public var offers: OfferMode
    /// The most partner files one order listing reads; the rest wait for the next run (default 50).
    public var filesPerPull: Int
    /// The chain's store codes (`options.stores`): a stock or price sheet with a store column gets one row per store
    /// and SKU, each store the channel's whole planned value (stock is not divided between stores).
    public var stores: [String]
    /// The currency the channel's prices are planned and written in.
    public var currency: Currency

    /// The range `filesPerPull` must be in.
    public static let filesPerPullRange = 1...1000

    /// Options as given; `filesPerPull` is clamped to `filesPerPullRange`.
    public init(offers: OfferMode = .snapshot, filesPerPull: Int = 50, stores: [String] = [], currency: Currency = .cny) {
        self.offers = offers
        self.filesPerPull = min(max(filesPerPull, Self.filesPerPullRange.lowerBound), Self.filesPerPullRange.upperBound)
        self.stores = stores
        self.currency = currency
    }
}
