import MarketSync

/// How a product is named in `LIN` and `PO1`: pairs of a product/service ID qualifier (`235`) and an ID.
enum X12ItemIdentification {
    /// The qualifier of a GTIN by its length: `UP` for a 12-digit UPC, `UK` for a GTIN-14, `EN` for an EAN-13
    /// (and an EAN-8, **unconfirmed**).
    static func qualifier(of gtin: GTIN) -> String {
        switch gtin.digits.count {
        case 12: "UP"
        case 14: "UK"
        default: "EN"
        }
    }

    /// `[GTIN qualifier, GTIN, SKU qualifier, SKU]` as elements; throws `validation` for a SKU longer than 48
    /// characters (element 234).
    static func elements(gtin: GTIN, sku: SKU, skuQualifier: String) throws -> [[String]] {
        guard !sku.rawValue.isEmpty, sku.rawValue.count <= 48 else {
            throw MarketSyncError(.validation, "a SKU sent in X12 must have 1 to 48 characters", sku: sku, key: "LIN")
        }
        return [[qualifier(of: gtin)], [gtin.digits], [skuQualifier], [sku.rawValue]]
    }
}
