public import MarketSync
public import RetailFiles

/// What an EDI channel's adapter decides besides the syntax: whether a push is a snapshot or a delta, which name
/// goes into a price file, and how many partner files one listing reads.
public struct RetailEDIOptions: Sendable, Hashable {
    /// `snapshot` (default: every listed SKU in every file, as chains replace their copy whole) or `delta`.
    public var offers: OfferMode
    /// The catalog name a price file carries (default English).
    public var productNames: ProductNameSource
    /// The most partner files one order listing reads; the rest wait for the next run (default 50).
    public var filesPerPull: Int

    /// The range `filesPerPull` must be in.
    public static let filesPerPullRange = 1...1000

    /// Options as given; `filesPerPull` is clamped to `filesPerPullRange`.
    public init(offers: OfferMode = .snapshot, productNames: ProductNameSource = .en, filesPerPull: Int = 50) {
        self.offers = offers
        self.productNames = productNames
        self.filesPerPull = min(max(filesPerPull, Self.filesPerPullRange.lowerBound), Self.filesPerPullRange.upperBound)
    }
}
