/// What separates a sheet's fields (`delimiter:`). All three are ASCII bytes that no GB18030 or UTF-8 character
/// uses inside itself, so a file is split into fields before it is decoded.
public enum SheetDelimiter: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// `,` (RFC 4180).
    case comma = ","
    /// `;` (Excel where the decimal mark is a comma).
    case semicolon = ";"
    /// A tab (`tab` in the config).
    case tab = "\t"

    /// `,`, `;` or `tab`.
    public var description: String { self == .tab ? "tab" : rawValue }

    /// The delimiter a config names: `,`, `;`, `tab` or a tab character.
    public init?(name: String) {
        switch name {
        case ",", "comma": self = .comma
        case ";", "semicolon": self = .semicolon
        case "\t", "tab": self = .tab
        default: return nil
        }
    }

    /// The delimiter as a scalar, for `CSVRecordWriter`.
    var scalar: Unicode.Scalar {
        switch self {
        case .comma: ","
        case .semicolon: ";"
        case .tab: "\t"
        }
    }

    /// The delimiter as a byte, for `CSVRecordReader`.
    var byte: UInt8 { UInt8(scalar.value) }
}
