public import MarketSync

extension MarketSyncError.Code {
    /// A sheet cannot be read at all: it is not CSV (a quoted field never closed), it has no header row, its
    /// header lacks a column the layout requires or names one twice, or the header's bytes cannot be decoded.
    /// `file` and `line` say where, `key` names the column's header text.
    public static let sheetFormat = MarketSyncError.Code("sheet_format")
    /// One row of a sheet cannot be read or written: a quantity that is not a whole number, an unknown item, an
    /// empty order number, a value the layout requires missing. The row is skipped (or left out of the sheet
    /// written) and the rest go on. `file`/`line` give the row when reading, `key` the column's header, `sku` the
    /// SKU when known.
    public static let sheetRow = MarketSyncError.Code("sheet_row")
    /// A value cannot be carried by the sheet's encoding: a character the encoding has no code for (a Chinese name
    /// in a Windows-1251 sheet) when writing, bytes that are not text in it when reading. Never converted lossily.
    public static let sheetEncoding = MarketSyncError.Code("sheet_encoding")
}
