public import MarketSync

/// How a sheet's text is written: delimiter, quoting, decimal mark, line ending, encoding, date format and the
/// currency prices are in when the sheet has no currency column.
public struct SheetFormat: Sendable, Hashable {
    /// What separates fields (`,` unless configured).
    public var delimiter: SheetDelimiter
    /// When fields are quoted (minimal RFC 4180 unless configured). Reading takes any quoting.
    public var quoting: CSVRecordWriter.Quoting
    /// The decimal mark of prices (`.` or `,`; `.` unless configured). Quantities are whole numbers.
    public var decimalMark: Character
    /// What ends a written record (CRLF unless configured).
    public var lineEnding: SheetLineEnding
    /// The encoding written, and the one an order sheet falls back to when it is not UTF-8 (UTF-8 unless configured).
    public var encoding: SheetEncoding
    /// How dates are written and read (`yyyy-MM-dd` unless configured).
    public var dateFormat: SheetDateFormat
    /// The currency of prices when the sheet has no `currency` column (CNY unless configured).
    public var currency: Currency

    /// A format; every argument has the default above.
    public init(delimiter: SheetDelimiter = .comma, quoting: CSVRecordWriter.Quoting = .minimal, decimalMark: Character = ".",
                lineEnding: SheetLineEnding = .crlf, encoding: SheetEncoding = .utf8, dateFormat: SheetDateFormat = .isoDay,
                currency: Currency = .cny) {
        self.delimiter = delimiter
        self.quoting = quoting
        self.decimalMark = decimalMark
        self.lineEnding = lineEnding
        self.encoding = encoding
        self.dateFormat = dateFormat
        self.currency = currency
    }

    /// The record writer of this format.
    var writer: CSVRecordWriter {
        CSVRecordWriter(delimiter: delimiter.scalar, quoting: quoting, lineEnding: lineEnding.text)
    }
}
