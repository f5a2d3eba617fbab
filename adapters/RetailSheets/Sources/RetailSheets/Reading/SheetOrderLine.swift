public import MarketSync

/// One line of an order sheet: the order line in the common model, and what the sheet said that the response
/// needs back.
public struct SheetOrderLine: Sendable, Hashable {
    /// The line as stored: our SKU, units, unit price, the chain's item code as `listing`, its id (the chain's line
    /// number, else its place within the order: `1`, `2`…) and state `pendingAcceptance`.
    public var line: OrderLine
    /// The chain's own line number, when the sheet has that column.
    public var lineNumber: String?
    /// The GTIN as the sheet wrote it, when it has that column.
    public var gtin: String?
    /// The 1-based line of the file the row is on.
    public var sheetLine: Int

    /// A line as read.
    public init(line: OrderLine, lineNumber: String?, gtin: String?, sheetLine: Int) {
        self.line = line
        self.lineNumber = lineNumber
        self.gtin = gtin
        self.sheetLine = sheetLine
    }
}
