import MarketSync

/// The order rows of a stock or price sheet are written in: by store code, then SKU, so the same values give the
/// same file whatever order the caller found them in. A second row for one store and SKU is left out: a sheet
/// holding two values for one item would say neither.
enum SheetRowOrder {
    static func ordered(_ rows: [SheetRowCells]) -> (rows: [SheetRowCells], duplicates: [SheetRowRefusal]) {
        let sorted = rows.enumerated().sorted { lhs, rhs in
            (lhs.element.store ?? "", lhs.element.sku.rawValue, lhs.offset) < (rhs.element.store ?? "", rhs.element.sku.rawValue, rhs.offset)
        }.map(\.element)
        var kept: [SheetRowCells] = []
        var duplicates: [SheetRowRefusal] = []
        for row in sorted {
            if let previous = kept.last, previous.sku == row.sku, previous.store == row.store {
                let place = row.store.map { " for store \(SheetExcerpt.quoted($0))" } ?? ""
                let error = MarketSyncError(.sheetRow, "a second row for this SKU\(place) in one sheet; the first is written", sku: row.sku)
                duplicates.append(SheetRowRefusal(sku: row.sku, item: row.item, error: error))
                continue
            }
            kept.append(row)
        }
        return (kept, duplicates)
    }
}
