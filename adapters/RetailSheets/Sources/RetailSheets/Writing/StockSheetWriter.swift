public import Foundation
public import MarketSync

/// Writes a chain's stock sheet from stock updates (a delta, or a snapshot with its carried values) and the
/// catalog's names and barcodes: rows by store and SKU, the layout's columns, encoding and file names. Same rows,
/// same day, same first sequence number: same bytes.
public struct StockSheetWriter: Sendable {
    /// The stock sheet's layout.
    public let layout: SheetLayout
    /// Names, barcodes, units and item codes by SKU.
    public let catalog: SheetCatalog
    /// The chain's zone, for the date column and `{date}` in file names.
    public let timeZone: TimeZone

    /// A writer of `layout`, which must be a stock sheet's (else a `.config` error).
    public init(layout: SheetLayout, catalog: SheetCatalog, timeZone: TimeZone = .chinaStandard) throws(MarketSyncError) {
        guard layout.kind == .stock else {
            throw MarketSyncError(.config, "a stock sheet needs a stock layout, not a \(layout.kind) one", key: "sheets.stock")
        }
        self.layout = layout
        self.catalog = catalog
        self.timeZone = timeZone
    }

    /// The files of one run written `on` that instant, numbered from `firstSequence`. A row that cannot be written
    /// (a negative quantity, a value the layout requires missing, a character the encoding cannot carry) is left
    /// out and listed in `refused`; only a layout that cannot be written at all throws.
    public func write(_ rows: [SheetStockRow], on date: Date, firstSequence: Int = 1) throws(MarketSyncError) -> SheetWriteResult {
        var refused: [SheetRowRefusal] = []
        var cells: [SheetRowCells] = []
        let day = layout.format.dateFormat.text(date, in: timeZone)
        for row in rows {
            guard row.quantity >= 0 else {
                let error = MarketSyncError(.sheetRow, "a quantity of \(row.quantity) cannot be written", sku: row.sku,
                                            key: layout.column(for: .quantity)?.header)
                refused.append(SheetRowRefusal(sku: row.sku, item: row.item, error: error))
                continue
            }
            var values = SheetRowCells.productValues(sku: row.sku, listing: row.listing, entry: catalog.entry(for: row.sku), layout: layout)
            values[.quantity] = String(row.quantity)
            values[.store] = SheetRowCells.nonEmpty(row.store)
            values[.date] = day
            cells.append(SheetRowCells(sku: row.sku, item: row.item, store: SheetRowCells.nonEmpty(row.store), order: nil, values: values))
        }
        let (ordered, duplicates) = SheetRowOrder.ordered(cells)
        return try SheetComposer(layout: layout, timeZone: timeZone)
            .compose(ordered, date: date, firstSequence: firstSequence, refused: refused + duplicates)
    }
}
