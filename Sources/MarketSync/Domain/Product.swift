public import Foundation

/// One catalog entry as imported from a source: identity, names, unit, base price and stock lots.
public struct Product: Hashable, Sendable, Codable {
    public var sku: SKU
    public var gtin: GTIN?
    public var names: LocalizedNames
    public var unit: String
    /// The producer's base price, in roubles.
    public var basePrice: Money
    /// Stock by warehouse and lot. Empty means none on hand.
    public var lots: [StockLot]
    /// The channel-side identifier of this SKU per channel (Epinduo: `goods_id:sku_id`).
    public var listings: [ChannelID: String]

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
    public var ru: String
    public var zh: String
    public var en: String
    public init(ru: String, zh: String, en: String) {
        self.ru = ru
        self.zh = zh
        self.en = en
    }
}

/// A quantity of one SKU in one warehouse, optionally with the lot's dates (perishables).
public struct StockLot: Hashable, Sendable, Codable {
    public var warehouse: String
    public var lot: String
    public var quantity: Int64
    public var expiresOn: Date?
    /// When the lot was produced: with `expiresOn`, it gives the total shelf life for share-based rules.
    public var producedOn: Date?
    public init(warehouse: String, lot: String, quantity: Int64, expiresOn: Date? = nil, producedOn: Date? = nil) {
        self.warehouse = warehouse
        self.lot = lot
        self.quantity = quantity
        self.expiresOn = expiresOn
        self.producedOn = producedOn
    }
}
