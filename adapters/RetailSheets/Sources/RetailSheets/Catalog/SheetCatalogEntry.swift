public import MarketSync

/// What a sheet needs to know of one product beyond the update: its barcode, names, unit and its item code at the
/// chain. The caller supplies it from the catalog (`init(product:channel:)`).
public struct SheetCatalogEntry: Sendable, Hashable {
    /// Our SKU.
    public var sku: SKU
    /// The barcode, if the catalog has one.
    public var gtin: GTIN?
    /// The chain's item code for the SKU (our listing id on that channel), if known.
    public var listing: String?
    /// Names in Russian, Chinese and English (an empty name is no name).
    public var names: LocalizedNames
    /// The unit of sale as the catalog writes it (`pcs`).
    public var unit: String

    /// An entry as given.
    public init(sku: SKU, gtin: GTIN?, listing: String?, names: LocalizedNames, unit: String) {
        self.sku = sku
        self.gtin = gtin
        self.listing = listing
        self.names = names
        self.unit = unit
    }

    /// The entry of a catalog product, with its listing on `channel`.
    public init(product: Product, channel: ChannelID) {
        self.init(sku: product.sku, gtin: product.gtin, listing: product.listings[channel], names: product.names, unit: product.unit)
    }
}
