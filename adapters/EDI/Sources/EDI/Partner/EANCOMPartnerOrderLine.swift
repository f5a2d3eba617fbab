public import MarketSync

/// One line of a purchase order as a chain writes it: the product by its GTIN, the chain's own article number when
/// it has one, the units ordered and the price it expects.
public struct EANCOMPartnerOrderLine: Hashable, Sendable {
    /// The product's GTIN (`LIN`): what the chain knows the product by.
    public var gtin: GTIN
    /// The chain's own article number (`PIA+1+…:IN`), when it gives one.
    public var buyerArticle: String?
    /// Units ordered (`QTY+21`), above zero.
    public var quantity: Int64
    /// The net price of one unit (`PRI+AAA`), in the order's currency, when the chain states one.
    public var unitPrice: Money?

    /// A line of `quantity` units of `gtin`.
    public init(gtin: GTIN, buyerArticle: String? = nil, quantity: Int64, unitPrice: Money? = nil) {
        self.gtin = gtin
        self.buyerArticle = buyerArticle
        self.quantity = quantity
        self.unitPrice = unitPrice
    }
}
