public import MarketSync

/// A sheet read into rows of cells by field: what `SheetTableReader` finds before any value is interpreted.
public struct SheetTable: Sendable {
    /// One data row.
    public struct Row: Sendable {
        /// The 1-based line of the file the row starts on.
        public var line: Int
        /// Each layout column's cell, decoded and as written (not trimmed); a column missing from the header (an
        /// optional one) has no entry.
        public var values: [SheetField: String]
        /// What is wrong with the row as a whole or with a cell that could not be decoded; the row should be skipped
        /// when this is not empty.
        public var problems: [MarketSyncError]
    }

    /// The encoding the bytes were found to be in.
    public var encoding: SheetEncoding
    /// The line of the header row.
    public var headerLine: Int
    /// The data rows, blank ones left out.
    public var rows: [Row]
}
