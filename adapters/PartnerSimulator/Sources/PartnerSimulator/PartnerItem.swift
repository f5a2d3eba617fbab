public import MarketSync

/// One of our products as the chain knows it: the GTIN and item code it orders by, and what a sheet shows.
public struct PartnerItem: Sendable, Hashable {
    /// Our SKU.
    public var sku: SKU
    /// The GTIN the chain orders by: the catalog's `listing:<channel>` when it is a GTIN, else the product's `gtin`
    /// (the same rule as the EDI adapters' stock and price lines).
    public var gtin: GTIN?
    /// The chain's item code for the product: the catalog's `listing:<channel>`, when there is one.
    public var itemCode: String?
    /// The product's names.
    public var names: LocalizedNames
    /// Our unit of sale (`pcs`).
    public var unit: String

    /// An item as given.
    public init(sku: SKU, gtin: GTIN?, itemCode: String?, names: LocalizedNames, unit: String) {
        self.sku = sku
        self.gtin = gtin
        self.itemCode = itemCode
        self.names = names
        self.unit = unit
    }
}
