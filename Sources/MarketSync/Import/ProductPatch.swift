/// What one source row says about a product, field by field: a value to set, or nothing (the stored value
/// stays). A full row sets every field it owns; a delta row sets only what it names.
public struct ProductPatch: Sendable, Hashable {
    /// One field: keep the stored value, or set this one.
    public enum Field<Value: Sendable & Hashable>: Sendable, Hashable {
        /// The stored value stays (for a new product: the field's default, or the row is rejected if it has none).
        case keep
        /// The value to store.
        case set(Value)
    }

    /// The barcode (`.set(nil)` removes it).
    public var gtin: Field<GTIN?> = .keep
    /// The Russian name; a new product needs one.
    public var nameRU: Field<String> = .keep
    /// The Chinese name.
    public var nameZH: Field<String> = .keep
    /// The unit; `pcs` for a new product without one.
    public var unit: Field<String> = .keep
    /// The base price in roubles; a new product needs one.
    public var basePrice: Field<Money> = .keep
    /// The stock lots, all of them (`.set([])`: none on hand).
    public var lots: Field<[StockLot]> = .keep
    /// Listings of the channels named: an id, or nil to remove it; other channels' listings stay.
    public var listings: [ChannelID: String?] = [:]

    /// A patch that keeps everything.
    public init() {}

    /// The product after the patch: `stored` with the fields set, or a new product when nothing is stored.
    /// A new product without a Russian name or a price is a problem, not a guess.
    func applied(to stored: Product?, sku: SKU) -> Result<Product, RowProblem> {
        var product: Product
        if let stored {
            product = stored
        } else {
            guard case let .set(name) = nameRU else {
                return .failure(RowProblem("is not in the catalog yet, and this source gives no name for it", sku: sku))
            }
            guard case let .set(price) = basePrice else {
                return .failure(RowProblem("is not in the catalog yet, and this source gives no price for it", sku: sku))
            }
            product = Product(sku: sku, gtin: nil, names: LocalizedNames(ru: name, zh: "", en: ""), unit: "pcs", basePrice: price, lots: [])
        }
        if case let .set(value) = gtin { product.gtin = value }
        if case let .set(value) = nameRU { product.names.ru = value }
        if case let .set(value) = nameZH { product.names.zh = value }
        if case let .set(value) = unit { product.unit = value }
        if case let .set(value) = basePrice { product.basePrice = value }
        if case let .set(value) = lots { product.lots = value }
        for (channel, listing) in listings { product.listings[channel] = listing }
        return .success(product)
    }
}
