public import MarketSync

/// One line of an 850 as a partner writes it: the product by its GTIN, the partner's own item number when it has
/// one, the units ordered and the price it expects.
public struct X12PartnerOrderLine: Hashable, Sendable {
    /// The product's GTIN (`PO1`, qualifier by length: `UP`, `EN`, `UK`).
    public var gtin: GTIN
    /// The partner's own item number (`IN`, buyer's item number), when it gives one.
    public var buyerItem: String?
    /// Units ordered (`PO102`), above zero.
    public var quantity: Int64
    /// The price of one unit (`PO104`), in the order's currency, when the partner states one.
    public var unitPrice: Money?

    /// A line of `quantity` units of `gtin`.
    public init(gtin: GTIN, buyerItem: String? = nil, quantity: Int64, unitPrice: Money? = nil) {
        self.gtin = gtin
        self.buyerItem = buyerItem
        self.quantity = quantity
        self.unitPrice = unitPrice
    }
}
