public import Foundation
public import MarketSync

/// Writes a chain's order response sheet: per line, units accepted, the status in the chain's words, and the reason
/// of a refusal. Rows stay in the order given (the order's own line order); files are cut per order or store when
/// the layout says. Same rows, same day, same first sequence number: same bytes.
public struct OrderResponseSheetWriter: Sendable {
    /// The order response's layout.
    public let layout: SheetLayout
    /// Names, barcodes, units and item codes by SKU, for columns the order sheet did not fill.
    public let catalog: SheetCatalog
    /// The chain's zone, for dates and `{date}` in file names.
    public let timeZone: TimeZone

    /// A writer of `layout`, which must be an order response's (else a `.config` error).
    public init(layout: SheetLayout, catalog: SheetCatalog, timeZone: TimeZone = .chinaStandard) throws(MarketSyncError) {
        guard layout.kind == .orderResponse else {
            throw MarketSyncError(.config, "an order response needs an order_response layout, not a \(layout.kind) one",
                                  key: "sheets.order_response")
        }
        self.layout = layout
        self.catalog = catalog
        self.timeZone = timeZone
    }

    /// The files answering `rows`, written `on` that instant and numbered from `firstSequence`. A row that cannot be
    /// written (more units accepted than ordered, a value the layout requires missing, a character the encoding
    /// cannot carry) is left out and listed in `refused` with its order: the adapter should hold back that order's
    /// answer whole.
    public func write(_ rows: [OrderResponseSheetRow], on date: Date, firstSequence: Int = 1) throws(MarketSyncError) -> SheetWriteResult {
        var refused: [SheetRowRefusal] = []
        var cells: [SheetRowCells] = []
        let format = layout.format
        let day = format.dateFormat.text(date, in: timeZone)
        for row in rows {
            guard (0...row.orderedQuantity).contains(row.acceptedQuantity) else {
                let error = MarketSyncError(.sheetRow, "order \(SheetExcerpt.quoted(row.orderNumber)): \(row.acceptedQuantity) units accepted of \(row.orderedQuantity) ordered",
                                            sku: row.sku, key: layout.column(for: .acceptedQuantity)?.header)
                refused.append(SheetRowRefusal(sku: row.sku, item: nil, order: row.orderNumber, error: error))
                continue
            }
            let entry = catalog.entry(for: row.sku)
            var values = SheetRowCells.productValues(sku: row.sku, listing: row.itemCode, entry: entry, layout: layout)
            if let gtin = SheetRowCells.nonEmpty(row.gtin) { values[.gtin] = gtin }
            values[.orderNumber] = row.orderNumber
            values[.orderDate] = row.orderDate.map { format.dateFormat.text($0, in: timeZone) }
            values[.store] = SheetRowCells.nonEmpty(row.store)
            values[.lineNumber] = SheetRowCells.nonEmpty(row.lineNumber)
            values[.quantity] = String(row.orderedQuantity)
            values[.acceptedQuantity] = String(row.acceptedQuantity)
            if let price = row.unitPrice {
                values[.price] = SheetDecimal.text(minorUnits: price.minorUnits, decimalMark: format.decimalMark)
                values[.currency] = price.currency.rawValue
            }
            values[.status] = row.acceptedQuantity > 0 ? layout.statusTexts.accepted : layout.statusTexts.refused
            values[.reason] = SheetRowCells.nonEmpty(row.reason)
            values[.date] = day
            cells.append(SheetRowCells(sku: row.sku, item: nil, store: SheetRowCells.nonEmpty(row.store), order: row.orderNumber,
                                       values: values))
        }
        return try SheetComposer(layout: layout, timeZone: timeZone).compose(cells, date: date, firstSequence: firstSequence, refused: refused)
    }
}
