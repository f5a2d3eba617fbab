/// Every rule that turns the catalog into one channel's offers.
public struct ChannelRules: Sendable, Hashable {
    /// How the channel's quantity is derived.
    public var stock: StockRule
    /// How the channel's price is derived and guarded.
    public var price: PriceRule
    /// A channel's rules.
    public init(stock: StockRule, price: PriceRule) {
        self.stock = stock
        self.price = price
    }
}
