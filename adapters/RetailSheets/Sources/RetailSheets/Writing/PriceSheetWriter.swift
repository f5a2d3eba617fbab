public import Foundation
public import MarketSync

/// Writes a chain's price sheet from price updates and the catalog's names and barcodes: amounts from minor units
/// exactly, with the layout's decimal mark; rows by store and SKU. Same rows, same day, same first sequence number:
/// same bytes.
public struct PriceSheetWriter: Sendable {
    /// The price sheet's layout.
    public let layout: SheetLayout
    /// Names, barcodes, units and item codes by SKU.
    public let catalog: SheetCatalog
    /// The chain's zone, for the date column and `{date}` in file names.
    public let timeZone: TimeZone

    /// A writer of `layout`, which must be a price sheet's (else a `.config` error).
    public init(layout: SheetLayout, catalog: SheetCatalog, timeZone: TimeZone = .chinaStandard) throws(MarketSyncError) {
        guard layout.kind == .price else {
            throw MarketSyncError(.config, "a price sheet needs a price layout, not a \(layout.kind) one", key: "sheets.price")
        }
        self.layout = layout
        self.catalog = catalog
        self.timeZone = timeZone
    }

    /// The files of one run written `on` that instant, numbered from `firstSequence`. A row that cannot be written
    /// is left out and listed in `refused`: a negative price, a price in another currency than the sheet's when the
    /// sheet has no currency column (never converted here: the planner converts), a value the layout requires
    /// missing, a character the encoding cannot carry.
    public func write(_ rows: [SheetPriceRow], on date: Date, firstSequence: Int = 1) throws(MarketSyncError) -> SheetWriteResult {
        var refused: [SheetRowRefusal] = []
        var cells: [SheetRowCells] = []
        let day = layout.format.dateFormat.text(date, in: timeZone)
        let hasCurrencyColumn = layout.column(for: .currency) != nil
        for row in rows {
            let priceHeader = layout.column(for: .price)?.header
            guard row.price.minorUnits >= 0 else {
                let error = MarketSyncError(.sheetRow, "a price of \(row.price) cannot be written", sku: row.sku, key: priceHeader)
                refused.append(SheetRowRefusal(sku: row.sku, item: row.item, error: error))
                continue
            }
            guard hasCurrencyColumn || row.price.currency == layout.format.currency else {
                let error = MarketSyncError(.sheetRow, "the price is in \(row.price.currency), the sheet's prices in \(layout.format.currency), and it has no currency column",
                                            sku: row.sku, key: priceHeader)
                refused.append(SheetRowRefusal(sku: row.sku, item: row.item, error: error))
                continue
            }
            var values = SheetRowCells.productValues(sku: row.sku, listing: row.listing, entry: catalog.entry(for: row.sku), layout: layout)
            values[.price] = SheetDecimal.text(minorUnits: row.price.minorUnits, decimalMark: layout.format.decimalMark)
            values[.currency] = row.price.currency.rawValue
            values[.store] = SheetRowCells.nonEmpty(row.store)
            values[.date] = day
            cells.append(SheetRowCells(sku: row.sku, item: row.item, store: SheetRowCells.nonEmpty(row.store), order: nil, values: values))
        }
        let (ordered, duplicates) = SheetRowOrder.ordered(cells)
        return try SheetComposer(layout: layout, timeZone: timeZone)
            .compose(ordered, date: date, firstSequence: firstSequence, refused: refused + duplicates)
    }
}
