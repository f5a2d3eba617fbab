public import MarketSync

/// What an order sheet held: the orders read whole, the rows that could not be read, and the orders held back.
public struct OrderSheetReading: Sendable {
    /// The encoding the file was found to be in.
    public var encoding: SheetEncoding
    /// The orders whose every row was read, in order of their first row.
    public var orders: [SheetOrder]
    /// Every bad row's problem (one per bad cell), with file, line and column (`key`), in file order: rows of held-back
    /// orders and rows that belong to no order (an empty order number).
    public var problems: [MarketSyncError]
    /// The orders with a bad row, none of whose rows is read.
    public var heldBack: [HeldBackOrder]

    /// A reading as made.
    public init(encoding: SheetEncoding, orders: [SheetOrder], problems: [MarketSyncError], heldBack: [HeldBackOrder]) {
        self.encoding = encoding
        self.orders = orders
        self.problems = problems
        self.heldBack = heldBack
    }
}
