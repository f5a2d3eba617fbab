internal import Foundation

/// Writes CSV as RFC 4180 has it: fields separated by commas, records ending CRLF, a field that holds a comma,
/// a quote, a line break or leading or trailing spaces enclosed in quotes with its quotes doubled.
public enum CSVText {
    /// One record, CRLF included.
    public static func record(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\r\n"
    }

    /// One field, quoted when it must be.
    public static func field(_ text: String) -> String {
        let mustQuote = text.contains { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }
            || text.first == " " || text.last == " "
        guard mustQuote else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
