/// What a sheet column holds: one field of our data, as a layout binds a column to it. Config names are the raw
/// values (`item_code`, `name_zh`).
public enum SheetField: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Our SKU.
    case sku
    /// The GTIN (barcode, 条形码), as the catalog has it, check digit verified.
    case gtin
    /// The chain's own item code (商品编码): our listing id on that channel.
    case itemCode = "item_code"
    /// The Chinese name (商品名称).
    case nameZh = "name_zh"
    /// The Russian name.
    case nameRu = "name_ru"
    /// The English name.
    case nameEn = "name_en"
    /// The unit of sale, mapped through the layout's `units` (`pcs` → `件`).
    case unit
    /// Units: stock on hand (库存数量) in a stock sheet, units ordered in an order sheet and its response.
    case quantity
    /// A price of one unit (单价) in the sheet's decimal style.
    case price
    /// The ISO 4217 code of `price`.
    case currency
    /// The chain's store or delivery point code (门店编码).
    case store
    /// The sheet's date: the day it was written (stock, price, order response).
    case date
    /// The chain's purchase order number.
    case orderNumber = "order_number"
    /// The day (or time) the chain placed the order, in the chain's time zone.
    case orderDate = "order_date"
    /// The chain's number of a line within its order.
    case lineNumber = "line_number"
    /// Units accepted in an order response (0 for a refused line).
    case acceptedQuantity = "accepted_quantity"
    /// An order response line's answer, `accepted` or `refused` in the chain's words.
    case status
    /// Why a line is refused (empty for an accepted line).
    case reason

    /// The config name (`item_code`).
    public var description: String { rawValue }

    /// Whether a column bound to this field may be empty (or missing from an order sheet's header) unless its layout
    /// says otherwise: only `reason`, which an accepted line has none of.
    var isOptionalByDefault: Bool { self == .reason }

    /// The fields that say which product a row is about.
    static let identities: [SheetField] = [.sku, .itemCode, .gtin]
}
