public import MarketSync

/// A row a writer left out of its sheet, and why: the adapter fails that item alone.
public struct SheetRowRefusal: Sendable {
    /// The row's SKU.
    public var sku: SKU
    /// The outbox item of the row, nil for a carried value or an order response.
    public var item: Int64?
    /// The order of an order response row.
    public var order: String?
    /// What is wrong: `.sheetRow` (a value the layout requires missing, a value that cannot be written) or
    /// `.sheetEncoding` (a character the encoding cannot carry), naming the SKU and the column's header in `key`.
    public var error: MarketSyncError

    /// A refusal as found.
    public init(sku: SKU, item: Int64?, order: String? = nil, error: MarketSyncError) {
        self.sku = sku
        self.item = item
        self.order = order
        self.error = error
    }
}
