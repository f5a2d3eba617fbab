public import MarketSync

/// An order of a sheet with at least one bad row: none of it is read, so no part of an order is accepted, reserved or
/// answered while another part waits for a person. Its rows' problems are in the reading's `problems`.
public struct HeldBackOrder: Sendable {
    /// The order's number.
    public var number: String
    /// The lines of its bad rows.
    public var badLines: [Int]
    /// How many rows it has in the sheet, good and bad.
    public var rowCount: Int
    /// One `.sheetRow` error saying so, at its first bad row.
    public var error: MarketSyncError

    /// A held-back order as found.
    public init(number: String, badLines: [Int], rowCount: Int, error: MarketSyncError) {
        self.number = number
        self.badLines = badLines
        self.rowCount = rowCount
        self.error = error
    }
}
