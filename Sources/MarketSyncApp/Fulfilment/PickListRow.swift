public import Foundation

/// One order line as the warehouse must pack it: which order, which product (names and barcode from the
/// catalog), how many, and where the catalog holds its stock.
public struct PickListRow: Sendable, Hashable, Encodable {
    /// The channel the order is on.
    public var channel: String
    /// The channel's id of the order.
    public var orderID: String
    /// When the buyer placed the order, if the channel said.
    public var placedAt: Date?
    /// The channel's line id, for a channel that ships line by line; empty otherwise.
    public var lineID: String?
    /// The merchant's SKU (or what identifies the line on the channel when it matched no product).
    public var sku: String
    /// The product's Russian name; empty when the SKU is not in the catalog.
    public var nameRU: String
    /// The product's Chinese name; empty when the catalog has none or the SKU is not in it.
    public var nameZH: String
    /// The product's GTIN; empty when the catalog has none or the SKU is not in it.
    public var gtin: String
    /// Units to pack.
    public var quantity: Int64
    /// The unit of sale from the catalog (`pcs`, `jar`); empty when the SKU is not in the catalog.
    public var unit: String
    /// The warehouses where the catalog holds stock of the SKU now, `;`-separated; empty when it holds none.
    public var warehouse: String
    /// The lots with stock, earliest expiry first (`warehouse/lot`), `;`-separated; empty when none is known.
    public var lot: String
    /// Whether the SKU is in the catalog (not written: the export counts the lines without it).
    public var inCatalog: Bool

    /// The column names, in order: the CSV header and the JSON keys.
    public static let columns = ["channel", "order_id", "placed_at", "line_id", "sku", "name_ru", "name_zh", "gtin", "quantity",
                                 "unit", "warehouse", "lot"]

    /// A row as given.
    public init(channel: String, orderID: String, placedAt: Date?, lineID: String?, sku: String, nameRU: String, nameZH: String,
                gtin: String, quantity: Int64, unit: String, warehouse: String, lot: String, inCatalog: Bool) {
        self.channel = channel
        self.orderID = orderID
        self.placedAt = placedAt
        self.lineID = lineID
        self.sku = sku
        self.nameRU = nameRU
        self.nameZH = nameZH
        self.gtin = gtin
        self.quantity = quantity
        self.unit = unit
        self.warehouse = warehouse
        self.lot = lot
        self.inCatalog = inCatalog
    }

    /// The cells, in `columns` order, as the CSV writes them (an unknown time or line id is an empty cell).
    public var cells: [String] {
        [channel, orderID, placedAt.map(TimeText.iso) ?? "", lineID ?? "", sku, nameRU, nameZH, gtin, String(quantity), unit,
         warehouse, lot]
    }

    enum CodingKeys: String, CodingKey {
        case channel, orderID = "order_id", placedAt = "placed_at", lineID = "line_id", sku, nameRU = "name_ru"
        case nameZH = "name_zh", gtin, quantity, unit, warehouse, lot
    }

    /// The `columns` as keys; an unknown time or line id as null, the quantity as a number.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(channel, forKey: .channel)
        try container.encode(orderID, forKey: .orderID)
        try container.encode(placedAt.map(TimeText.iso), forKey: .placedAt)
        try container.encode(lineID, forKey: .lineID)
        try container.encode(sku, forKey: .sku)
        try container.encode(nameRU, forKey: .nameRU)
        try container.encode(nameZH, forKey: .nameZH)
        try container.encode(gtin, forKey: .gtin)
        try container.encode(quantity, forKey: .quantity)
        try container.encode(unit, forKey: .unit)
        try container.encode(warehouse, forKey: .warehouse)
        try container.encode(lot, forKey: .lot)
    }
}
