public import Foundation

/// One catalog entry as imported from a source: identity, names, unit, base price and stock lots.
public struct Product: Hashable, Sendable, Codable {
    /// The key of the product, unique in the catalog.
    public var sku: SKU
    /// The barcode, check digit verified; nil when the source gives none.
    public var gtin: GTIN?
    /// The product's names; the catalog reader requires the Russian one.
    public var names: LocalizedNames
    /// The unit of sale as the source writes it; `pcs` when the source gives none.
    public var unit: String
    /// The producer's base price, in roubles.
    public var basePrice: Money
    /// Stock by warehouse and lot. Empty means none on hand.
    public var lots: [StockLot]
    /// The channel-side identifier of this SKU per channel (Epinduo: `goods_id:sku_id`).
    public var listings: [ChannelID: String]

    /// A product as given: nothing is validated here (`CatalogReader` validates source rows).
    public init(sku: SKU, gtin: GTIN?, names: LocalizedNames, unit: String, basePrice: Money,
                lots: [StockLot], listings: [ChannelID: String] = [:]) {
        self.sku = sku
        self.gtin = gtin
        self.names = names
        self.unit = unit
        self.basePrice = basePrice
        self.lots = lots
        self.listings = listings
    }

    /// Units on hand across every lot.
    public var onHand: Int64 { lots.reduce(0) { $0 + $1.quantity } }
}

/// A product's names in Russian, Chinese and English.
public struct LocalizedNames: Hashable, Sendable, Codable {
    /// The Russian name; never empty for an imported product.
    public var ru: String
    /// The Chinese name; empty when the source gives none.
    public var zh: String
    /// The English name; empty when the source gives none.
    public var en: String
    /// Names in the three languages, as given.
    public init(ru: String, zh: String, en: String) {
        self.ru = ru
        self.zh = zh
        self.en = en
    }
}

/// A quantity of one SKU in one warehouse, optionally with the lot's dates (perishables).
public struct StockLot: Hashable, Sendable, Codable {
    /// The warehouse's name (`main` when the source gives none); stock rules pick warehouses by this name.
    public var warehouse: String
    /// The lot's code within its warehouse (`-` when the source gives none).
    public var lot: String
    /// Units in this lot, 0 to `ValueRanges.quantity.upperBound` when read from a source.
    public var quantity: Int64
    /// The expiry day, as 00:00 UTC of that date (`CalendarDate`); nil for goods that do not expire.
    public var expiresOn: Date?
    /// When the lot was produced: with `expiresOn`, it gives the total shelf life for share-based rules.
    public var producedOn: Date?
    /// A lot; dates are calendar days at 00:00 UTC.
    public init(warehouse: String, lot: String, quantity: Int64, expiresOn: Date? = nil, producedOn: Date? = nil) {
        self.warehouse = warehouse
        self.lot = lot
        self.quantity = quantity
        self.expiresOn = expiresOn
        self.producedOn = producedOn
    }
}
