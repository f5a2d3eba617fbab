public import MarketSync

/// One stock or price update with what a file line needs besides its value: the GTIN the chain knows the product
/// by and, for a price file, its name.
public struct ResolvedOffer<Value: Sendable>: Sendable {
    /// The outbox item (0 for a carried value).
    public var item: Int64
    /// Our SKU.
    public var sku: SKU
    /// The GTIN of the line.
    public var gtin: GTIN
    /// The name the catalog gives it in the configured language, when there is one.
    public var name: String?
    /// The units or the price.
    public var value: Value
    /// A snapshot's unchanged value: no result is owed for it.
    public var carried: Bool
}
