/// Every rule that turns the catalog into one channel's offers.
public struct ChannelRules: Sendable, Hashable {
    public var stock: StockRule
    public var price: PriceRule
    public init(stock: StockRule, price: PriceRule) {
        self.stock = stock
        self.price = price
    }

    /// A stable digest of the rules: when it changes, the channel is planned in full again.
    public var digest: String { String(describing: self) }
}
