/// The character encoding of a sheet (`encoding:`). GB18030 (a superset of GBK and GB2312) and Windows-1251 go
/// through the C library's iconv; no conversion is ever lossy: a character the encoding has no code for is an error.
public enum SheetEncoding: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// UTF-8 without a byte order mark.
    case utf8 = "utf-8"
    /// UTF-8 starting with the byte order mark `EF BB BF` (what Excel needs to open UTF-8 CSV as UTF-8).
    case utf8BOM = "utf-8-bom"
    /// GB18030, which every Chinese office tool reads as "GBK" for the characters GBK has.
    case gb18030
    /// Windows-1251 (Cyrillic), for a partner whose tools know nothing else.
    case windows1251 = "windows-1251"

    /// The config name.
    public var description: String { rawValue }

    /// The encoding a config names, case-insensitively (`utf8` and `UTF-8` alike; `gbk` reads as GB18030).
    public init?(name: String) {
        switch name.lowercased() {
        case "utf-8", "utf8": self = .utf8
        case "utf-8-bom", "utf8-bom", "utf-8-sig": self = .utf8BOM
        case "gb18030", "gbk": self = .gb18030
        case "windows-1251", "cp1251": self = .windows1251
        default: return nil
        }
    }

    /// The name glibc's iconv knows it by; nil for UTF-8, which Swift handles itself.
    var iconvName: String? {
        switch self {
        case .utf8, .utf8BOM: nil
        case .gb18030: "GB18030"
        case .windows1251: "WINDOWS-1251"
        }
    }

    /// Whether this is UTF-8, with or without the mark.
    var isUTF8: Bool { iconvName == nil }
}
