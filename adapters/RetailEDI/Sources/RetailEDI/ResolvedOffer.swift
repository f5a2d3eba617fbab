import MarketSync

/// One stock or price update with what a file line needs besides its value: the GTIN the chain knows the product
/// by and, for a price file, its name.
struct ResolvedOffer<Value: Sendable>: Sendable {
    /// The outbox item (0 for a carried value).
    var item: Int64
    /// Our SKU.
    var sku: SKU
    /// The GTIN of the line.
    var gtin: GTIN
    /// The name the catalog gives it in the configured language, when there is one.
    var name: String?
    /// The units or the price.
    var value: Value
    /// A snapshot's unchanged value: no result is owed for it.
    var carried: Bool
}
