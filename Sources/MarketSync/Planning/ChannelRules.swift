/// Every rule that turns the catalog into one channel's offers.
public struct ChannelRules: Sendable, Hashable {
    public var stock: StockRule
    public var price: PriceRule
    public init(stock: StockRule, price: PriceRule) {
        self.stock = stock
        self.price = price
    }
}
