import MarketSync

/// Writes CSV as RFC 4180 has it: fields separated by commas, records ending CRLF, a field that holds a comma,
/// a quote, a line break or leading or trailing spaces enclosed in quotes with its quotes doubled. The writing
/// itself is `CSVRecordWriter.rfc4180`, shared with the retail sheets.
public enum CSVText {
    /// One record, CRLF included.
    public static func record(_ fields: [String]) -> String {
        CSVRecordWriter.rfc4180.record(fields)
    }

    /// One field, quoted when it must be.
    public static func field(_ text: String) -> String {
        CSVRecordWriter.rfc4180.field(text)
    }
}
