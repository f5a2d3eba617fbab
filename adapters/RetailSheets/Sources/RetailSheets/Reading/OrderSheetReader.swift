public import Foundation
public import MarketSync

/// Reads a chain's purchase order sheet (one row per order line) into orders waiting for our answer.
///
/// Rows are grouped by order number (wherever they stand in the file). A bad row (a quantity that is not a whole
/// number, an item the catalog does not know, an unreadable date or price, a store or date that differs from the
/// order's other rows, bytes that are not text) is reported with file, line and column and skipped; **an order with
/// a bad row is held back whole** (`HeldBackOrder`): accepting the lines that read well would answer, reserve and
/// ship a part of the order the chain did not ask for alone. A row with an empty order number belongs to no order:
/// it is reported and skipped, and the rest of the file is read.
public struct OrderSheetReader: Sendable {
    /// The order sheet's layout.
    public let layout: SheetLayout
    /// The products lines are linked to, by SKU, item code (listing) or GTIN.
    public let catalog: SheetCatalog
    /// The chain's zone, in which order dates are read.
    public let timeZone: TimeZone

    /// A reader of `layout`, which must be an order sheet's (else a `.config` error).
    public init(layout: SheetLayout, catalog: SheetCatalog, timeZone: TimeZone = .chinaStandard) throws(MarketSyncError) {
        guard layout.kind == .orders else {
            throw MarketSyncError(.config, "an order sheet needs an orders layout, not a \(layout.kind) one", key: "sheets.orders")
        }
        self.layout = layout
        self.catalog = catalog
        self.timeZone = timeZone
    }

    /// The orders of `bytes`, read from `file` (named in every problem) and received at `receivedAt` (their
    /// `updatedAt`: a sheet has no time of change). Throws only when the file cannot be read at all (not CSV, no
    /// header, a required column missing from the header: `.sheetFormat`).
    public func read(_ bytes: [UInt8], file: String, receivedAt: Date) throws(MarketSyncError) -> OrderSheetReading {
        let table = try SheetTableReader(layout: layout).read(bytes, file: file)
        var pending: [String: PendingOrder] = [:]
        var numbers: [String] = []
        var problems: [MarketSyncError] = []
        for row in table.rows {
            let number = (row.values[.orderNumber] ?? "").trimmingWhitespace()
            guard !number.isEmpty else {
                problems += row.problems
                problems.append(MarketSyncError(.sheetRow, "no order number: the row belongs to no order and is skipped",
                                                file: file, line: row.line, key: layout.column(for: .orderNumber)?.header))
                continue
            }
            if pending[number] == nil {
                pending[number] = PendingOrder(number: number, firstLine: row.line)
                numbers.append(number)
            }
            var order = pending[number] ?? PendingOrder(number: number, firstLine: row.line)
            var cells = RowReading(row: row, number: number, file: file, layout: layout)
            let line = cells.line(catalog: catalog, timeZone: timeZone, order: &order)
            if let line, cells.problems.isEmpty {
                order.lines.append(line)
            } else {
                order.badLines.append(row.line)
            }
            order.rowCount += 1
            problems += cells.problems
            pending[number] = order
        }

        var orders: [SheetOrder] = []
        var heldBack: [HeldBackOrder] = []
        for number in numbers {
            guard let order = pending[number] else { continue }
            if let first = order.badLines.first {
                let lines = order.badLines.map(String.init).joined(separator: ", ")
                let error = MarketSyncError(.sheetRow, "order \(SheetExcerpt.quoted(number)) is held back whole: its row\(order.badLines.count == 1 ? "" : "s") at line\(order.badLines.count == 1 ? "" : "s") \(lines) cannot be read, so none of its \(order.rowCount) row\(order.rowCount == 1 ? "" : "s") is stored",
                                            file: file, line: first, key: layout.column(for: .orderNumber)?.header)
                heldBack.append(HeldBackOrder(number: number, badLines: order.badLines, rowCount: order.rowCount, error: error))
                continue
            }
            let channelOrder = ChannelOrder(id: number, state: .pendingAcceptance, rawStatus: "order_sheet", updatedAt: receivedAt,
                                            lines: order.lines.map(\.line), placedAt: order.date)
            orders.append(SheetOrder(order: channelOrder, store: order.store, lines: order.lines, file: file, firstLine: order.firstLine))
        }
        // By line, and within a line in the order found: the same file always gives the same list.
        problems = problems.enumerated().sorted { ($0.element.line ?? 0, $0.offset) < ($1.element.line ?? 0, $1.offset) }.map(\.element)
        return OrderSheetReading(encoding: table.encoding, orders: orders, problems: problems, heldBack: heldBack)
    }
}

/// An order being gathered from its rows.
struct PendingOrder {
    let number: String
    let firstLine: Int
    var store: String?
    var date: Date?
    var lines: [SheetOrderLine] = []
    var badLines: [Int] = []
    var rowCount = 0
    var lineNumbers: Set<String> = []

    init(number: String, firstLine: Int) {
        self.number = number
        self.firstLine = firstLine
    }
}
