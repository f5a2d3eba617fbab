/// What ends each record of a written sheet (`line_ending:`). Reading takes either.
public enum SheetLineEnding: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// CR LF (RFC 4180, Windows tools).
    case crlf
    /// LF alone.
    case lf

    /// `crlf` or `lf`.
    public var description: String { rawValue }

    /// The characters written.
    var text: String { self == .crlf ? "\r\n" : "\n" }
}
