/// Writes CSV records as RFC 4180 has them (the counterpart of `CSVRecordReader`): fields separated by the
/// delimiter, records ending with the line ending, a field enclosed in quotes with its quotes doubled when it holds
/// the delimiter, a quote, a line break or leading or trailing spaces (or always, when the partner asks for it).
///
/// It works on Unicode scalars, not characters, so a quote followed by a combining mark (one `Character` in Swift)
/// is still doubled and the record reads back whole.
public struct CSVRecordWriter: Sendable, Hashable {
    /// When a field is enclosed in quotes.
    public enum Quoting: String, Sendable, Hashable, CaseIterable {
        /// Only when it must be: it holds the delimiter, a quote, a line break, or starts or ends with a space.
        case minimal
        /// Every field, empty ones included.
        case always
    }

    /// The scalar between fields (`,` by RFC 4180; `;` or a tab by agreement). Must not be a quote or a line break.
    public let delimiter: Unicode.Scalar
    /// When fields are quoted.
    public let quoting: Quoting
    /// What ends each record: CRLF by RFC 4180, LF by agreement.
    public let lineEnding: String

    /// RFC 4180 as written: commas, minimal quoting, CRLF.
    public static let rfc4180 = CSVRecordWriter()

    /// A writer with these conventions; `delimiter` must not be a quote, CR or LF (a programmer error).
    public init(delimiter: Unicode.Scalar = ",", quoting: Quoting = .minimal, lineEnding: String = "\r\n") {
        precondition(delimiter != "\"" && delimiter != "\r" && delimiter != "\n", "a CSV delimiter cannot be \(delimiter.escaped(asASCII: true))")
        self.delimiter = delimiter
        self.quoting = quoting
        self.lineEnding = lineEnding
    }

    /// One record, its line ending included.
    public func record(_ fields: [String]) -> String {
        fields.map(field).joined(separator: String(Character(delimiter))) + lineEnding
    }

    /// One field, quoted when it must be (or always), its quotes doubled.
    public func field(_ text: String) -> String {
        let scalars = text.unicodeScalars
        let mustQuote = quoting == .always
            || scalars.contains { $0 == delimiter || $0 == "\"" || $0 == "\r" || $0 == "\n" }
            || scalars.first == " " || scalars.last == " "
        guard mustQuote else { return text }
        var quoted = String.UnicodeScalarView()
        quoted.append("\"")
        for scalar in scalars {
            quoted.append(scalar)
            if scalar == "\"" { quoted.append("\"") }
        }
        quoted.append("\"")
        return String(quoted)
    }
}
