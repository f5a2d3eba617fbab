public import Foundation
public import MarketSync

/// One purchase order read from a sheet: the order in the common model and what the sheet said of it that the
/// common model has no place for (the store or delivery point, the lines' own numbers and barcodes), which the order
/// response needs.
public struct SheetOrder: Sendable, Hashable {
    /// The order: keyed by its number, `pendingAcceptance`, raw status `order_sheet`, placed at the order date (in
    /// the chain's zone), updated when the file was received, no total (the sheet states none).
    public var order: ChannelOrder
    /// The store or delivery point code, when the sheet has that column.
    public var store: String?
    /// The lines, in sheet order.
    public var lines: [SheetOrderLine]
    /// The file the order was read from.
    public var file: String
    /// The line of its first row.
    public var firstLine: Int

    /// An order as read.
    public init(order: ChannelOrder, store: String?, lines: [SheetOrderLine], file: String, firstLine: Int) {
        self.order = order
        self.store = store
        self.lines = lines
        self.file = file
        self.firstLine = firstLine
    }

    /// The order's number.
    public var number: String { order.id }

    /// When the chain placed it, if the sheet says.
    public var placedAt: Date? { order.placedAt }
}
