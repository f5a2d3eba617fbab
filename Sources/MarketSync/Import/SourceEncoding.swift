/// The character encoding of a source file, as its config names it (`encoding:`). Files from 1C and Excel in
/// Russia are often Windows-1251; files from Chinese partners GB18030 (a superset of GBK and GB2312).
public enum SourceEncoding: String, Sendable, Hashable, CaseIterable {
    /// UTF-8, the default; a CSV's leading byte order mark is skipped.
    case utf8 = "utf-8"
    /// Windows-1251 (Cyrillic), as 1C and Excel in Russia often save.
    case windows1251 = "windows-1251"
    /// GB18030, which also reads GBK and GB2312 text.
    case gb18030

    /// The encoding a config names, case-insensitively, with the common aliases (`utf8`, `cp1251`, `gbk`:
    /// GBK text is valid GB18030).
    public init?(name: String) {
        switch name.trimmingWhitespace().lowercased() {
        case "utf-8", "utf8": self = .utf8
        case "windows-1251", "cp1251": self = .windows1251
        case "gb18030", "gbk": self = .gb18030
        default: return nil
        }
    }

    /// The name glibc's iconv knows it by.
    var iconvName: String {
        switch self {
        case .utf8: "UTF-8"
        case .windows1251: "WINDOWS-1251"
        case .gb18030: "GB18030"
        }
    }
}
