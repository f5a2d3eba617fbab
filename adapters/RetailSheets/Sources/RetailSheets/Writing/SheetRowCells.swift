import MarketSync

/// One row on its way into a sheet: the text of each field it has, and what identifies it.
struct SheetRowCells {
    var sku: SKU
    var item: Int64?
    var store: String?
    var order: String?
    var values: [SheetField: String]

    /// The row's cells for the product fields, from the update's listing and the catalog entry.
    static func productValues(sku: SKU, listing: String?, entry: SheetCatalogEntry?, layout: SheetLayout) -> [SheetField: String] {
        var values: [SheetField: String] = [.sku: sku.rawValue]
        values[.itemCode] = nonEmpty(listing) ?? nonEmpty(entry?.listing)
        values[.gtin] = entry?.gtin?.digits
        values[.nameZh] = nonEmpty(entry?.names.zh)
        values[.nameRu] = nonEmpty(entry?.names.ru)
        values[.nameEn] = nonEmpty(entry?.names.en)
        if let unit = nonEmpty(entry?.unit) { values[.unit] = layout.units[unit] ?? unit }
        return values
    }

    static func nonEmpty(_ text: String?) -> String? {
        guard let text, !text.isEmpty else { return nil }
        return text
    }
}
