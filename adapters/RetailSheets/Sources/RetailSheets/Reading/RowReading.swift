import Foundation
import MarketSync

/// Reads the cells of one order sheet row, gathering a problem for each bad one (with file, line, column and the
/// order number), so a person sees every fault of a row at once.
struct RowReading {
    let row: SheetTable.Row
    let number: String
    let file: String
    let layout: SheetLayout
    private(set) var problems: [MarketSyncError]
    private var sku: SKU?

    init(row: SheetTable.Row, number: String, file: String, layout: SheetLayout) {
        self.row = row
        self.number = number
        self.file = file
        self.layout = layout
        self.problems = row.problems
    }

    /// The row's line, or nil when a cell it needs is bad; checks the row's store and date against the order's.
    mutating func line(catalog: SheetCatalog, timeZone: TimeZone, order: inout PendingOrder) -> SheetOrderLine? {
        let resolved = product(catalog: catalog)
        sku = resolved
        let quantity = self.quantity()
        let price = self.price()
        let itemCode = text(.itemCode)
        let gtin = text(.gtin)
        let lineNumber = text(.lineNumber)
        if let lineNumber, !order.lineNumbers.insert(lineNumber).inserted {
            fail(.lineNumber, "line number \(SheetExcerpt.quoted(lineNumber)) is in the order twice")
        }
        if let store = text(.store) {
            if let known = order.store, known != store {
                fail(.store, "store \(SheetExcerpt.quoted(store)) differs from the order's store \(SheetExcerpt.quoted(known)) on its other rows")
            } else {
                order.store = store
            }
        }
        if let dateText = text(.orderDate) {
            if let date = layout.format.dateFormat.instant(dateText, in: timeZone) {
                if let known = order.date, known != date {
                    fail(.orderDate, "order date \(SheetExcerpt.quoted(dateText)) differs from the order's date on its other rows")
                } else {
                    order.date = date
                }
            } else {
                fail(.orderDate, "order date \(SheetExcerpt.quoted(dateText)) does not follow \(layout.format.dateFormat)")
            }
        }
        guard let resolved, let quantity, problems.isEmpty else { return nil }
        let id = lineNumber ?? String(order.rowCount + 1)
        let line = OrderLine(sku: resolved, quantity: quantity, unitPrice: price, listing: itemCode, id: id, state: .pendingAcceptance)
        return SheetOrderLine(line: line, lineNumber: lineNumber, gtin: gtin, sheetLine: row.line)
    }

    // MARK: Cells

    /// The trimmed cell of `field`; nil when the column is not in the sheet or the cell is empty (a problem when the
    /// column requires a value).
    private mutating func text(_ field: SheetField) -> String? {
        guard let column = layout.column(for: field), let raw = row.values[field] else { return nil }
        let value = raw.trimmingWhitespace()
        if value.isEmpty {
            if !column.optional { fail(field, "no \(field)") }
            return nil
        }
        return value
    }

    private mutating func quantity() -> Int64? {
        let before = problems.count
        guard let text = text(.quantity) else {
            if problems.count == before { fail(.quantity, "no quantity") }
            return nil
        }
        guard let value = SheetDecimal.wholeNumber(text, decimalMark: layout.format.decimalMark) else {
            fail(.quantity, "quantity \(SheetExcerpt.quoted(text)) is not a whole number of units")
            return nil
        }
        guard value > 0 else {
            fail(.quantity, "quantity \(value) is not more than 0")
            return nil
        }
        return value
    }

    /// The unit price; nil when the sheet gives none or it is bad (then a problem is recorded and no line is made).
    private mutating func price() -> Money? {
        var currency = layout.format.currency
        if let code = text(.currency) {
            guard code.count == 3, code.allSatisfy({ $0.isASCII && $0.isLetter }) else {
                fail(.currency, "currency \(SheetExcerpt.quoted(code)) is not an ISO 4217 code")
                return nil
            }
            currency = Currency(rawValue: code)
        }
        guard let text = text(.price) else { return nil }
        guard let minor = SheetDecimal.minorUnits(text, decimalMark: layout.format.decimalMark) else {
            fail(.price, "price \(SheetExcerpt.quoted(text)) is not an amount with at most 2 decimals after \"\(layout.format.decimalMark)\"")
            return nil
        }
        return Money(minorUnits: minor, currency: currency)
    }

    /// Our SKU for the row: every identity cell it has must name a product of the catalog, and the same one.
    private mutating func product(catalog: SheetCatalog) -> SKU? {
        var found: [(SheetField, SKU)] = []
        var anyGiven = false
        for field in SheetField.identities {
            guard let value = text(field) else { continue }
            anyGiven = true
            let lookup: SheetCatalog.Lookup
            switch field {
            case .sku: lookup = catalog.lookup(sku: value)
            case .itemCode: lookup = catalog.lookup(listing: value)
            default:
                do { lookup = catalog.lookup(gtin: try GTIN(validating: value)) } catch {
                    fail(field, "GTIN \(SheetExcerpt.quoted(value)): \(error.description)")
                    continue
                }
            }
            switch lookup {
            case let .found(sku): found.append((field, sku))
            case .unknown: fail(field, "unknown \(Self.noun(field)) \(SheetExcerpt.quoted(value)): no product of the catalog has it")
            case let .ambiguous(skus):
                fail(field, "\(Self.noun(field)) \(SheetExcerpt.quoted(value)) names several products (\(skus.map(\.rawValue).joined(separator: ", ")))")
            }
        }
        let layout = self.layout
        if !anyGiven, let column = SheetField.identities.compactMap({ layout.column(for: $0) }).first {
            // Every identity column is optional and empty: nothing says which product the row is about.
            fail(column.field, "no SKU, item code or GTIN says which product the row is about")
        }
        guard let first = found.first else { return nil }
        if let other = found.first(where: { $0.1 != first.1 }) {
            fail(other.0, "the \(Self.noun(first.0)) names \(first.1) and the \(Self.noun(other.0)) names \(other.1)")
            return nil
        }
        return first.1
    }

    private static func noun(_ field: SheetField) -> String {
        switch field {
        case .sku: "SKU"
        case .itemCode: "item code"
        case .gtin: "GTIN"
        default: field.rawValue
        }
    }

    private mutating func fail(_ field: SheetField, _ reason: String) {
        problems.append(MarketSyncError(.sheetRow, "order \(SheetExcerpt.quoted(number)): \(reason)", sku: sku, file: file,
                                        line: row.line, key: layout.column(for: field)?.header ?? field.rawValue))
    }
}
